package dev.fnlens.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.Http;
import dev.fnlens.bench.ProcessStats;
import dev.fnlens.bench.Report;
import dev.fnlens.bench.fnlens.CollectorProcess;
import dev.fnlens.bench.fnlens.FnlensClient;
import dev.fnlens.bench.ingest.PreparedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Does alerting slow users down? On the data the ingest benchmark left, one collector answers the query
 * benchmark's questions three times: without rules, while {@code --rules} rules (default 200) are evaluated
 * every {@code --every} (default 10 s), and without rules again. Each phase asks the questions in turn, round
 * after round, for at least three evaluation intervals. The slowdown is the with-rules latency over the mean of
 * the two phases without, per question.
 */
public final class AlertLoadBenchmark {
    private static final String EVALUATIONS = "fnlens_alert_evaluations_total";
    private static final String EVALUATION_SECONDS = "fnlens_alert_evaluation_seconds_sum";

    private AlertLoadBenchmark() {
    }

    /** What one phase measured: the questions' latencies, and the collector's CPU and rule evaluations meanwhile. */
    record Phase(String name, List<Latencies> latencies, double seconds, double cpuSeconds, double evaluations,
                 double evaluationSeconds) {
    }

    public static void run(BenchOptions options, int ruleCount, String every) throws Exception {
        PreparedData data = PreparedData.load(options.dataSetDir());
        if (data == null) {
            throw new IOException("no data set in " + options.dataSetDir() + ": run the ingest benchmark first");
        }
        List<QueryCase> cases = QueryCase.standard();
        try (CollectorProcess collector = CollectorProcess.start(new CollectorProcess.Config(options.fnlensJar(),
                options.fnlensDataDir(), options.collectorHeap(), options.collectorJvmArgs(),
                options.work().resolve("fnlens-collector.log")))) {
            FnlensClient client = new FnlensClient(collector.otlp(), collector.http());
            if (client.count() != data.events()) {
                throw new IOException("fnlens holds " + client.count() + " events, the data set " + data.events()
                        + ": run the ingest benchmark again");
            }
            long ageMinutes = Math.max(0, (System.currentTimeMillis() - data.toMillis()) / 60_000);
            AlertRuleSet rules = AlertRuleSet.of(logGroups(client), ruleCount, ageMinutes, every);

            double minSeconds = 3 * parseSeconds(every);
            List<Phase> phases = new ArrayList<>();
            phases.add(measure("no rules", options, client, collector, data, cases, minSeconds));
            for (AlertRuleSet.Rule rule : rules.rules()) {
                Http.expectJson("POST", collector.http().resolve("/api/alerts/templates/" + rule.template()),
                        rule.body());
            }
            awaitEvaluations(client, rules.rules().size());
            phases.add(measure(rules.rules().size() + " rules every " + every, options, client, collector, data,
                    cases, minSeconds));
            for (AlertRuleSet.Rule rule : rules.rules()) {
                Http.Response r = Http.send("DELETE", collector.http().resolve("/api/alerts/rules/" + rule.name()),
                        "application/json", new byte[0]);
                if (!r.ok()) {
                    throw new IOException("DELETE rule " + rule.name() + " answered " + r.status());
                }
            }
            phases.add(measure("no rules, again", options, client, collector, data, cases, minSeconds));
            Report.write(options.work().resolve("alert-load-results.md"),
                    report(options, data, cases, phases, ageMinutes));
        }
    }

    /** {@code 10s}, {@code 1m} or a bare number of seconds. */
    static double parseSeconds(String duration) {
        String d = duration.strip();
        if (d.endsWith("ms")) {
            return Double.parseDouble(d.substring(0, d.length() - 2)) / 1000;
        }
        double unit = d.endsWith("m") ? 60 : d.endsWith("h") ? 3600 : 1;
        return Double.parseDouble(Character.isDigit(d.charAt(d.length() - 1)) ? d : d.substring(0, d.length() - 1))
                * unit;
    }

    private static List<String> logGroups(FnlensClient client) throws IOException {
        List<String> groups = new ArrayList<>();
        for (JsonNode fn : Http.expectJson("GET", client.queryUri().resolve("/api/functions"), null).path("functions")) {
            groups.add(fn.path("logGroup").asText());
        }
        if (groups.isEmpty()) {
            throw new IOException("the collector lists no log group");
        }
        return groups;
    }

    /** Until every rule has been evaluated once, so the measured phase sees the steady state. */
    private static void awaitEvaluations(FnlensClient client, int rules) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (client.metric(EVALUATIONS, null) < rules) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the rules were not all evaluated within 2 minutes");
            }
            Thread.sleep(500);
        }
    }

    /**
     * The questions in turn, round after round, until each has {@code --runs} measured runs after {@code --warmup}
     * rounds and the phase has lasted at least {@code minSeconds} (several evaluation intervals).
     */
    private static Phase measure(String name, BenchOptions options, FnlensClient client, CollectorProcess collector,
                                 PreparedData data, List<QueryCase> cases, double minSeconds) throws Exception {
        System.out.println("alert load: " + name);
        long start = data.fromMillis() / 1000;
        long end = data.toMillis() / 1000 + 1;
        List<List<Double>> millis = new ArrayList<>();
        cases.forEach(c -> millis.add(new ArrayList<>()));
        double cpu0 = ProcessStats.cpuSeconds(collector.pid());
        double evaluations0 = client.metric(EVALUATIONS, null);
        double evaluationSeconds0 = client.metric(EVALUATION_SECONDS, null);
        long t0 = System.nanoTime();
        for (int round = 0; round < options.warmup() + options.runs() || (System.nanoTime() - t0) / 1e9 < minSeconds;
                round++) {
            for (int i = 0; i < cases.size(); i++) {
                QueryCase c = cases.get(i);
                long q0 = System.nanoTime();
                Http.Response r = QueryBenchmark.askFnlens(client, c, start, end);
                double ms = (System.nanoTime() - q0) / 1e6;
                if (!r.ok() || !"Complete".equals(r.json().path("status").asText("Complete"))) {
                    throw new IOException(c.name() + " answered " + r.status() + ": " + Http.abbreviate(r.text()));
                }
                if (round >= options.warmup()) {
                    millis.get(i).add(ms);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Latencies> latencies = millis.stream()
                .map(m -> new Latencies(m.stream().mapToDouble(Double::doubleValue).toArray())).toList();
        return new Phase(name, latencies, seconds, ProcessStats.cpuSeconds(collector.pid()) - cpu0,
                client.metric(EVALUATIONS, null) - evaluations0,
                client.metric(EVALUATION_SECONDS, null) - evaluationSeconds0);
    }

    static String report(BenchOptions options, PreparedData data, List<QueryCase> cases, List<Phase> phases,
                         long ageMinutes) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "User query latency with and without alert rules, over all %,d events (%d h); at least %d measured runs"
                        + " after %d warm-up rounds per question, ms at the client. Rule windows stretched by %d min (the"
                        + " data set's age).%n%s%n%n", data.events(), data.spec().hours(), options.runs(),
                options.warmup(), ageMinutes, Report.machine()));
        md.append("| question |");
        phases.forEach(p -> md.append(' ').append(p.name()).append(" p50 | p95 |"));
        md.append(" with rules / without, p50 | p95 |\n|---|").append("---:|---:|".repeat(phases.size() + 1))
                .append('\n');
        for (int i = 0; i < cases.size(); i++) {
            md.append("| ").append(cases.get(i).name());
            for (Phase p : phases) {
                Latencies l = p.latencies().get(i);
                md.append(String.format(Locale.ROOT, " | %.1f | %.1f", l.percentile(50), l.percentile(95)));
            }
            md.append(String.format(Locale.ROOT, " | %.2f | %.2f |%n", ratio(phases, i, 50), ratio(phases, i, 95)));
        }
        md.append("\n| phase | wall s | collector CPU s | CPU s per wall s | rule evaluations | mean evaluation ms |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Phase p : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.2f | %.0f | %s |%n", p.name(), p.seconds(),
                    p.cpuSeconds(), p.cpuSeconds() / p.seconds(), p.evaluations(),
                    p.evaluations() > 0 ? String.format(Locale.ROOT, "%.1f",
                            p.evaluationSeconds() * 1000 / p.evaluations()) : "–"));
        }
        return md.toString();
    }

    /** The with-rules percentile over the mean of the two phases without. */
    private static double ratio(List<Phase> phases, int question, double percentile) {
        double without = (phases.get(0).latencies().get(question).percentile(percentile)
                + phases.get(2).latencies().get(question).percentile(percentile)) / 2;
        return phases.get(1).latencies().get(question).percentile(percentile) / without;
    }
}

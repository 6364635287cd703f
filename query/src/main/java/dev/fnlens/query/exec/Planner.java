package dev.fnlens.query.exec;

import dev.fnlens.query.aggregate.Aggregates;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import dev.fnlens.query.ast.SortKey;
import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.ExprCompiler;
import dev.fnlens.query.functions.FunctionRegistry;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.Regexes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the commands into a chain of stages for one execution: resolves field names to slots, compiles expressions,
 * decides where a sort may keep only its top rows, and works out the answer's columns. Cheap; done per execution so
 * that a {@code Query} stays immutable and shareable between threads.
 */
public final class Planner {

    /** The columns shown when a query neither picks fields nor aggregates, as in the CloudWatch console. */
    static final List<String> DEFAULT_COLUMNS = List.of("@timestamp", "@message", "@logStream", "@log");

    private final List<Command> commands;
    private final Deadline deadline;
    private final int maxRows;
    private final Schema events = Schema.forEvents();
    private Schema schema = events;
    private final List<Stage> stages = new ArrayList<>();
    private CountStage matched;
    private final Set<String> columns = new LinkedHashSet<>();
    private boolean explicitColumns;
    private List<String> display;
    private StatsStage leadingStats;
    private PatternStage leadingPattern;

    private Planner(List<Command> commands, Deadline deadline, int maxRows) {
        this.commands = commands;
        this.deadline = deadline;
        this.maxRows = maxRows;
    }

    public static Plan plan(List<Command> commands, Deadline deadline, int maxRows) {
        return new Planner(commands, deadline, maxRows).build();
    }

    private Plan build() {
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            if (c instanceof Command.Filter f) {
                stages.add(new FilterStage(compiler().compile(f.condition())));
            } else if (c instanceof Command.Fields f) {
                fields(f);
            } else if (c instanceof Command.Parse p) {
                parse(p);
            } else if (c instanceof Command.Stats s) {
                stats(s);
            } else if (c instanceof Command.Sort s) {
                sort(s, topBound(i));
            } else if (c instanceof Command.Limit l) {
                stages.add(new LimitStage(Math.min(l.count(), maxRows)));
            } else if (c instanceof Command.Dedup d) {
                stages.add(new DedupStage(d.fields().stream().mapToInt(schema::read).toArray()));
            } else if (c instanceof Command.Display d) {
                display = d.fields();
            } else if (c instanceof Command.Pattern p) {
                pattern(p);
            }
        }
        countMatchedHere();
        List<String> shown = display != null ? display : answerColumns();
        Sink sink = new Sink(shown.toArray(String[]::new), shown.stream().mapToInt(schema::read).toArray(),
                timeFlags(shown), maxRows);
        stages.add(sink);
        for (int i = 0; i + 1 < stages.size(); i++) {
            stages.get(i).next = stages.get(i + 1);
        }
        return new Plan(stages.get(0), sink, matched, events, shown, Set.copyOf(events.sourceFields()), deadline,
                leadingStats, leadingPattern);
    }

    private ExprCompiler compiler() {
        return new ExprCompiler(schema, deadline);
    }

    private void fields(Command.Fields f) {
        explicitColumns = true;
        List<Integer> slots = new ArrayList<>();
        List<Eval> values = new ArrayList<>();
        for (Projection p : f.projections()) {
            if (p.expr() instanceof Expr.Field field && field.name().equals(p.name())) {
                schema.read(p.name()); // just shown, nothing to compute
            } else {
                ExprCompiler compiler = compiler();
                values.add(compiler.compile(p.expr()));
                slots.add(schema.define(p.name(), compiler.isTime(p.expr())));
            }
            columns.add(p.name());
        }
        if (!slots.isEmpty()) {
            stages.add(new ComputeStage(slots.stream().mapToInt(Integer::intValue).toArray(), values.toArray(Eval[]::new)));
        }
    }

    private void parse(Command.Parse p) {
        int source = schema.read(p.field());
        Pattern pattern = p.regex() ? Regexes.compile(p.pattern()).pattern() : Regexes.fromGlob(p.pattern());
        int[] targets = new int[p.names().size()];
        String[] groups = new String[targets.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = schema.define(p.names().get(i), false);
            groups[i] = "g" + (i + 1);
            columns.add(p.names().get(i));
        }
        stages.add(new ParseStage(source, pattern, targets, groups, deadline));
    }

    private void stats(Command.Stats s) {
        countMatchedHere();
        ExprCompiler in = compiler();
        Schema out = Schema.forAggregates();
        Eval[] keys = new Eval[s.groupBy().size()];
        int[] keySlots = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Projection p = s.groupBy().get(i);
            keys[i] = in.compile(p.expr());
            keySlots[i] = out.define(p.name(), in.isTime(p.expr()));
        }
        boolean leading = stages.stream().allMatch(st -> st instanceof FilterStage || st instanceof CountStage);
        List<Expr.Call> calls = aggregateCalls(s);
        StatsStage.Aggregate[] aggregates = new StatsStage.Aggregate[calls.size()];
        int[] aggregateSlots = new int[calls.size()];
        boolean needsTimestamp = false;
        for (int i = 0; i < calls.size(); i++) {
            Expr.Call call = calls.get(i);
            boolean countsRows = call.args().isEmpty() || call.args().get(0) instanceof Expr.Star;
            double percent = call.args().size() > 1 ? ((Expr.NumberLiteral) call.args().get(1)).value() : 0;
            Eval argument = countsRows ? null : in.compile(call.args().get(0));
            needsTimestamp |= Aggregates.needsTimestamp(call.function());
            aggregates[i] = new StatsStage.Aggregate(argument, Aggregates.factory(call.function(), countsRows, percent));
            aggregateSlots[i] = out.define(ExprCompiler.aggregateField(call), in.isTime(call));
        }
        int timestampSlot = needsTimestamp ? schema.read(ExprCompiler.TIMESTAMP) : -1;
        ExprCompiler over = new ExprCompiler(out, deadline, true);
        int[] projectionSlots = new int[s.aggregates().size()];
        Eval[] projections = new Eval[projectionSlots.length];
        for (int i = 0; i < projections.length; i++) {
            Projection p = s.aggregates().get(i);
            projections[i] = over.compile(p.expr());
            projectionSlots[i] = out.define(p.name(), over.isTime(p.expr()));
        }
        StatsStage.Output output = new StatsStage.Output(out, keySlots, aggregateSlots, projectionSlots, projections);
        StatsStage stage = new StatsStage(keys, aggregates, timestampSlot, output, deadline);
        stages.add(stage);
        if (leading) {
            leadingStats = stage;
        }
        aggregated(out);
        s.groupBy().forEach(p -> columns.add(p.name()));
        s.aggregates().forEach(p -> columns.add(p.name()));
    }

    /** The distinct aggregate calls of a stats, in the order stats keeps their results. */
    public static List<Expr.Call> aggregateCalls(Command.Stats s) {
        List<Expr.Call> calls = new ArrayList<>();
        for (Projection p : s.aggregates()) {
            collectAggregates(p.expr(), calls);
        }
        return calls;
    }

    private static void collectAggregates(Expr e, List<Expr.Call> into) {
        if (e instanceof Expr.Call c && FunctionRegistry.lookup(c.function()).orElseThrow().isAggregate()) {
            if (!into.contains(c)) {
                into.add(c);
            }
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collectAggregates(a, into));
        } else if (e instanceof Expr.Binary b) {
            collectAggregates(b.left(), into);
            collectAggregates(b.right(), into);
        } else if (e instanceof Expr.Unary u) {
            collectAggregates(u.operand(), into);
        } else if (e instanceof Expr.Match m) {
            collectAggregates(m.value(), into);
        } else if (e instanceof Expr.In in) {
            collectAggregates(in.value(), into);
        }
    }

    private void sort(Command.Sort s, int bound) {
        countMatchedHere();
        ExprCompiler compiler = compiler();
        Eval[] keys = new Eval[s.keys().size()];
        boolean[] descending = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            SortKey k = s.keys().get(i);
            keys[i] = compiler.compile(k.expr());
            descending[i] = k.descending();
        }
        stages.add(new SortStage(keys, descending, bound, deadline));
    }

    /**
     * How many sorted rows can reach the answer: up to the next limit (or the row cap at the end) when only commands
     * that map one row to one row stand in between; otherwise all of them.
     */
    private int topBound(int sortIndex) {
        for (int j = sortIndex + 1; j < commands.size(); j++) {
            Command c = commands.get(j);
            if (c instanceof Command.Limit l) {
                return Math.min(l.count(), maxRows);
            }
            if (!(c instanceof Command.Fields || c instanceof Command.Display || c instanceof Command.Parse)) {
                return Integer.MAX_VALUE;
            }
        }
        return maxRows;
    }

    private void pattern(Command.Pattern p) {
        boolean leading = stages.stream().allMatch(st -> st instanceof FilterStage);
        countMatchedHere();
        Eval value = compiler().compile(p.field());
        Schema out = Schema.forAggregates();
        out.define(PatternStage.PATTERN, false);
        out.define(PatternStage.RATIO, false);
        out.define(PatternStage.COUNT, false);
        PatternStage stage = new PatternStage(value, out, deadline);
        stages.add(stage);
        if (leading) {
            leadingPattern = stage;
        }
        aggregated(out);
        columns.addAll(List.of(PatternStage.PATTERN, PatternStage.RATIO, PatternStage.COUNT));
    }

    /** After stats or pattern: a new set of fields, and the answer shows the aggregation's columns. */
    private void aggregated(Schema out) {
        schema = out;
        columns.clear();
        explicitColumns = true;
        display = null;
    }

    /** recordsMatched counts what passed the filters before the first blocking command (or the end). */
    private void countMatchedHere() {
        if (matched == null) {
            matched = new CountStage();
            stages.add(matched);
        }
    }

    private List<String> answerColumns() {
        if (explicitColumns) {
            return List.copyOf(columns);
        }
        Set<String> all = new LinkedHashSet<>(DEFAULT_COLUMNS);
        all.addAll(columns);
        return List.copyOf(all);
    }

    private boolean[] timeFlags(List<String> names) {
        boolean[] flags = new boolean[names.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = schema.isTime(names.get(i));
        }
        return flags;
    }
}

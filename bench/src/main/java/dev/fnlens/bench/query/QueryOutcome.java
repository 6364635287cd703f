package dev.fnlens.bench.query;

/**
 * One system's result for one question: latencies and a short summary of its answer, or
 * why it could not be asked (e.g. the endpoint does not exist yet).
 */
record QueryOutcome(Latencies latencies, String answer, String unavailable) {
    static QueryOutcome unavailable(String why) {
        return new QueryOutcome(null, null, why);
    }
}

package kz.citizenrequests.shared;

import kz.citizenrequests.shared.HostileCases.Case;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The failures of a run, grouped by kind, operation and field, with one example of each; and the status codes seen. */
final class HostileReport {

    private static final int EXAMPLES_PER_OPERATION = 12;

    record Failure(String kind, Case hostile, String detail) {
    }

    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();

    void fail(String kind, Case hostile, String detail) {
        failures.add(new Failure(kind, hostile, detail));
    }

    void answered(Case hostile, String status) {
        String operation = hostile.operation().name() + format(hostile);
        String key = hostile.number() == 0 ? hostile.target() + ": " + operation : "hostile: " + operation;
        statuses.merge(key + " -> " + status, 1, Integer::sum);
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    String summary(long seed, int cases, long seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Generated hostile input: %d cases in %d s, seed %d (repeat with -Dhostile.seed=%d), %d failures%n",
                cases, seconds, seed, seed, failures.size()));
        Map<String, Map<String, List<Failure>>> grouped = new TreeMap<>();
        for (Failure failure : failures) {
            grouped.computeIfAbsent(failure.kind(), k -> new TreeMap<>())
                    .computeIfAbsent(failure.hostile().operation().name(), k -> new ArrayList<>()).add(failure);
        }
        for (Map.Entry<String, Map<String, List<Failure>>> kind : grouped.entrySet()) {
            int total = kind.getValue().values().stream().mapToInt(List::size).sum();
            out.append(String.format("%n== %s: %d%n", kind.getKey(), total));
            for (Map.Entry<String, List<Failure>> operation : kind.getValue().entrySet()) {
                out.append(String.format("  %s: %d%n", operation.getKey(), operation.getValue().size()));
                Map<String, Failure> example = new LinkedHashMap<>();
                Map<String, Set<String>> families = new LinkedHashMap<>();
                for (Failure failure : operation.getValue()) {
                    example.putIfAbsent(failure.hostile().target(), failure);
                    families.computeIfAbsent(failure.hostile().target(), t -> new LinkedHashSet<>()).add(failure.hostile().family());
                }
                int shown = 0;
                for (Map.Entry<String, Failure> target : example.entrySet()) {
                    if (shown++ == EXAMPLES_PER_OPERATION) {
                        out.append(String.format("    ... and %d more%n", example.size() - EXAMPLES_PER_OPERATION));
                        break;
                    }
                    Case hostile = target.getValue().hostile();
                    out.append(String.format("    %s [%s] e.g. case %d%s %s -> %s%n", target.getKey(),
                            String.join(", ", families.get(target.getKey())), hostile.number(), format(hostile),
                            hostile.value(), target.getValue().detail()));
                }
            }
        }
        return out.toString();
    }

    /** The summary, then every failure on a line of its own, then the status codes of every operation. */
    String full(long seed, int cases, long seconds) {
        StringBuilder out = new StringBuilder(summary(seed, cases, seconds));
        out.append(String.format("%nEvery failure:%n"));
        for (Failure failure : failures) {
            Case hostile = failure.hostile();
            out.append(String.format("#%d %s | %s%s | %s | %s %s | %s%n", hostile.number(), failure.kind(),
                    hostile.operation().name(), format(hostile), hostile.target(), hostile.family(), hostile.value(),
                    failure.detail()));
        }
        out.append(String.format("%nStatus codes:%n"));
        statuses.forEach((key, n) -> out.append(String.format("  %s: %d%n", key, n)));
        return out.toString();
    }

    private static String format(Case hostile) {
        return hostile.operation().underOpen311() ? hostile.xml() ? " (xml)" : " (json)" : "";
    }
}

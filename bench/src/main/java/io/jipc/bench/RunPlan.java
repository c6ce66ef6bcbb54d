package io.jipc.bench;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a {@code jipc bench} run will do, decided before anything runs: per phase the benchmarks
 * selected by {@code --only} and the mechanisms that can run here (the parameters JMH gets), every
 * planned combination ({@code plan.tsv}) and the ones skipped up front with their reason
 * ({@code skips.tsv}).
 */
final class RunPlan {
    /** The phases that have something to run, with their benchmarks. */
    final Map<Phase, List<String>> selected = new LinkedHashMap<>();
    /** Per selected phase, its parameters with {@code mech} cut to what can run here. */
    final Map<Phase, Map<String, String[]>> params = new LinkedHashMap<>();
    /** Every planned combination: "benchmark TAB key=value,...". */
    final List<String> combos = new ArrayList<>();
    /** The combinations skipped up front: "benchmark TAB params TAB reason". */
    final List<String> skips = new ArrayList<>();

    private RunPlan() {
    }

    /** The plan of {@code phases}, keeping the benchmarks {@code only} finds (null: all). */
    static RunPlan select(List<Phase> phases, Pattern only) {
        RunPlan p = new RunPlan();
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()),
                VerboseMode.SILENT);
        for (Phase ph : phases) {
            p.selectPhase(ph, BenchmarkList.defaultList().find(quiet, List.of(ph.regex()), List.of()), only);
        }
        return p;
    }

    private void selectPhase(Phase ph, Iterable<BenchmarkListEntry> entries, Pattern only) {
        List<String> names = new ArrayList<>();
        Map<String, String[]> phaseParams = new LinkedHashMap<>(ph.params());
        LinkedHashSet<String> mechs = new LinkedHashSet<>();
        for (BenchmarkListEntry e : entries) {
            String name = e.getUsername();
            if (only != null && !only.matcher(name).find()) {
                continue;
            }
            Map<String, String[]> benchParams = new LinkedHashMap<>();
            if (e.getParams().hasValue()) {
                benchParams.putAll(e.getParams().get());
            }
            benchParams.replaceAll((k, v) -> ph.params().getOrDefault(k, v));
            String[] ms = benchParams.get("mech");
            boolean any = ms == null;
            if (ms != null) {
                List<String> runnable = planMechanisms(name, benchParams, ms);
                mechs.addAll(runnable);
                any = !runnable.isEmpty();
            } else {
                expand(name, new ArrayList<>(new TreeMap<>(benchParams).entrySet()), 0, "", combos);
            }
            if (any) {
                names.add(name);
            }
        }
        if (!mechs.isEmpty()) {
            phaseParams.put("mech", mechs.toArray(new String[0]));
        }
        if (!names.isEmpty()) {
            selected.put(ph, names);
            params.put(ph, phaseParams);
        }
    }

    /** Plans benchmark {@code name} for each of {@code mechs}; returns those that can run here. */
    private List<String> planMechanisms(String name, Map<String, String[]> benchParams, String[] mechs) {
        List<String> runnable = new ArrayList<>();
        for (String m : mechs) {
            String why = unavailable(name, m);
            Map<String, String[]> fixed = new LinkedHashMap<>(benchParams);
            fixed.put("mech", new String[] {m});
            List<String> mine = new ArrayList<>();
            expand(name, new ArrayList<>(new TreeMap<>(fixed).entrySet()), 0, "", mine);
            combos.addAll(mine);
            if (why == null) {
                runnable.add(m);
            } else {
                for (String c : mine) {
                    skips.add(c + "\t" + why);
                }
            }
        }
        return runnable;
    }

    private static void expand(String name, List<Map.Entry<String, String[]>> params, int i, String key, List<String> plan) {
        if (i == params.size()) {
            plan.add(name + "\t" + key);
            return;
        }
        for (String v : params.get(i).getValue()) {
            expand(name, params, i + 1, (key.isEmpty() ? "" : key + ",") + params.get(i).getKey() + "=" + v, plan);
        }
    }

    /** Why benchmark {@code name} cannot run mechanism {@code mech} here (checked before forking), or null. */
    static String unavailable(String name, String mech) {
        if (name.contains(".Channel")) {
            return Channels.unavailable(mech, 64);
        }
        if (name.contains(".Mutex")) {
            return Locker.unavailable(mech);
        }
        if (name.contains(".Region")) {
            return Regions.unavailable(mech);
        }
        if (name.contains(".MultiQueueServer")) {
            String why = Channels.unavailable(mech, 64);
            return why == null && mech.equals("posix") ? PosixWait.unavailable() : why;
        }
        return null;
    }
}

package org.modelops.governance.monitoring.model;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact tallies of one window of a signal: per tally (e.g. {@code records}, {@code missing:income},
 * {@code score:1:*}) and bin, a count and a sum of values. Additive, so batches, collectors and replicas add up.
 */
public final class WindowTallies {

    private final Map<String, TreeMap<Integer, double[]>> cells = new HashMap<>();

    /** Adds a count and a sum to one cell. */
    public WindowTallies add(String tally, int bin, long count, double total) {
        var cell = cells.computeIfAbsent(tally, name -> new TreeMap<>()).computeIfAbsent(bin, b -> new double[2]);
        cell[0] += count;
        cell[1] += total;
        return this;
    }

    public long count(String tally, int bin) {
        var cell = cell(tally, bin);
        return cell == null ? 0 : (long) cell[0];
    }

    public double total(String tally, int bin) {
        var cell = cell(tally, bin);
        return cell == null ? 0 : cell[1];
    }

    /** The counts of the tally's bins 0 … size − 1. */
    public long[] histogram(String tally, int size) {
        var out = new long[size];
        var bins = cells.get(tally);
        if (bins != null) {
            bins.forEach((bin, cell) -> {
                if (bin >= 0 && bin < size) {
                    out[bin] += (long) cell[0];
                }
            });
        }
        return out;
    }

    /** The names of the tallies that start with the prefix. */
    public java.util.Set<String> names(String prefix) {
        var out = new java.util.TreeSet<String>();
        cells.keySet().stream().filter(name -> name.startsWith(prefix)).forEach(out::add);
        return out;
    }

    /** Every cell as (tally, bin) → {count, total}, in key order. */
    public Map<String, TreeMap<Integer, double[]>> cells() {
        return new TreeMap<>(cells);
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    private double[] cell(String tally, int bin) {
        var bins = cells.get(tally);
        return bins == null ? null : bins.get(bin);
    }
}

package org.modelops.governance.monitoring.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bins of one column, frozen from the baseline so that every window is counted on the same ones: counts are then
 * exact and add up across collectors and replicas. The last bin of every column holds missing values.
 */
public sealed interface Bins permits Bins.Numeric, Bins.Categorical {

    /** The number of bins, the missing bin included. */
    int size();

    /** The index of the bin the value falls in; {@code null} is missing. */
    int binOf(Object value);

    /** A label per bin, for people and for collectors: {@code [1.5, 2.0)}, {@code "gold"}, {@code unseen}. */
    List<String> labels();

    default int missingBin() {
        return size() - 1;
    }

    /**
     * Bins {@code (-inf, e1), [e1, e2), …, [ek, +inf)} and missing. A value equal to an edge falls in the bin above it.
     * NaN counts as missing.
     */
    record Numeric(List<Double> edges, double[] sorted) implements Bins {
        public Numeric(List<Double> edges) {
            this(edges, null);
        }

        public Numeric {
            edges = List.copyOf(edges);
            for (int i = 1; i < edges.size(); i++) {
                if (!(edges.get(i) > edges.get(i - 1))) {
                    throw new IllegalArgumentException("bin edges must increase: " + edges);
                }
            }
            sorted = edges.stream().mapToDouble(Double::doubleValue).toArray();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Numeric numeric && numeric.edges.equals(edges);
        }

        @Override
        public int hashCode() {
            return edges.hashCode();
        }

        @Override
        public String toString() {
            return "Numeric[edges=" + edges + "]";
        }

        @Override
        public int size() {
            return edges.size() + 2;
        }

        @Override
        public int binOf(Object value) {
            if (value == null) {
                return missingBin();
            }
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("expected a number (the baseline's values of this column are"
                        + " numbers), got '" + value + "'");
            }
            var x = number.doubleValue();
            if (Double.isNaN(x)) {
                return missingBin();
            }
            // the number of edges at or below x: a value equal to an edge falls in the bin above it
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (x >= sorted[mid]) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        @Override
        public List<String> labels() {
            var labels = new ArrayList<String>();
            for (int i = 0; i <= edges.size(); i++) {
                labels.add((i == 0 ? "(-inf" : "[" + edges.get(i - 1)) + ", "
                        + (i == edges.size() ? "+inf)" : edges.get(i) + ")"));
            }
            labels.add("missing");
            return labels;
        }
    }

    /**
     * One bin per baseline category, then {@code unseen} (a category the baseline did not have, or one beyond the
     * most frequent {@link BaselineProfiler#MAX_CATEGORIES}), then missing. Numbers and booleans count by their text.
     */
    record Categorical(List<String> categories) implements Bins {
        public Categorical {
            categories = List.copyOf(categories);
        }

        public int unseenBin() {
            return categories.size();
        }

        @Override
        public int size() {
            return categories.size() + 2;
        }

        @Override
        public int binOf(Object value) {
            if (value == null) {
                return missingBin();
            }
            var index = categories.indexOf(text(value));
            return index < 0 ? unseenBin() : index;
        }

        @Override
        public List<String> labels() {
            var labels = new ArrayList<>(categories);
            labels.addAll(Arrays.asList("unseen", "missing"));
            return labels;
        }

        /** {@code 3}, {@code 3.0} and {@code "3"} are one category. */
        public static String text(Object value) {
            if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                var decimal = new BigDecimal(number.toString()).stripTrailingZeros();
                return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
            }
            return value.toString();
        }
    }
}

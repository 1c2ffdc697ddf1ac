package org.modelops.governance.monitoring.model;

import java.util.List;
import java.util.Optional;

/**
 * What a version's reference sample looked like: for each feature and for the prediction (the column named
 * {@value #PREDICTION}), its frozen bins and the sample's count in each.
 */
public record BaselineProfile(long rows, List<Column> columns) {

    public static final String PREDICTION = "prediction";

    public BaselineProfile {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /**
     * One column: its bins, the baseline's count in each (the missing bin last) and, for a numeric column, the
     * baseline's smallest and largest value (null for a categorical column, or a profile recorded before they were).
     */
    public record Column(String name, Bins bins, List<Long> counts, Double min, Double max) {
        public Column(String name, Bins bins, List<Long> counts) {
            this(name, bins, counts, null, null);
        }

        public Column {
            counts = List.copyOf(counts);
            if (counts.size() != bins.size()) {
                throw new IllegalArgumentException(name + ": " + counts.size() + " counts for " + bins.size()
                        + " bins");
            }
        }

        public String statistic() {
            return bins instanceof Bins.Numeric ? DriftStatistics.PSI : DriftStatistics.JENSEN_SHANNON;
        }

        public long[] countArray() {
            return counts.stream().mapToLong(Long::longValue).toArray();
        }
    }
}

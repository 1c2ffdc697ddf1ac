package org.modelops.governance.monitoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Builds a {@link BaselineProfile} from a reference sample, one row at a time. A column whose every value is a number
 * is numeric and gets the sample's deciles as bin edges (Hyndman–Fan type 7, as numpy and R compute them; equal
 * edges merged); any other column is categorical, its bins the most frequent categories. The bins are frozen here and
 * never recomputed.
 */
public final class BaselineProfiler {

    /** Fewer rows give deciles that are mostly noise. */
    public static final int MIN_ROWS = 100;
    public static final int MAX_COLUMNS = 200;
    public static final int MAX_CATEGORIES = 50;
    public static final int MAX_ROWS = 1_000_000;
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    private final Map<String, Accumulator> columns = new LinkedHashMap<>();
    private final boolean numbersAsText;
    private long rows;

    /** @param numbersAsText whether a text value that reads as a number is one (CSV) or a category (JSON) */
    public BaselineProfiler(boolean numbersAsText) {
        this.numbersAsText = numbersAsText;
    }

    /**
     * Adds one row: its values by column name ({@code null} or absent for missing). The first row names the columns;
     * a column a later row has that the first did not is refused.
     */
    public void add(Map<String, ?> row) {
        if (rows >= MAX_ROWS) {
            throw new IllegalArgumentException("a baseline sample has at most " + MAX_ROWS + " rows");
        }
        if (rows == 0) {
            if (row.size() > MAX_COLUMNS) {
                throw new IllegalArgumentException("a baseline has at most " + MAX_COLUMNS + " columns, this row "
                        + row.size());
            }
            row.keySet().forEach(name -> columns.put(name, new Accumulator()));
        }
        for (var name : row.keySet()) {
            if (!columns.containsKey(name)) {
                throw new UnknownColumn(name);
            }
        }
        for (var entry : columns.entrySet()) {
            entry.getValue().add(normalised(row.get(entry.getKey())));
        }
        rows++;
    }

    /** A row names a column the first row did not. */
    public static final class UnknownColumn extends IllegalArgumentException {
        private final String column;

        UnknownColumn(String column) {
            super("the first row has no column '" + column + "'; every row has the first row's columns");
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    public long rows() {
        return rows;
    }

    private Object normalised(Object value) {
        if (value instanceof String text) {
            if (text.isBlank()) {
                return null;
            }
            if (numbersAsText) {
                try {
                    return Double.parseDouble(text.strip());
                } catch (NumberFormatException category) {
                    return text;
                }
            }
        }
        return value;
    }

    /** The profile; refused when the sample is too small or has no prediction column. */
    public BaselineProfile profile() {
        if (rows < MIN_ROWS) {
            throw new IllegalArgumentException("a baseline needs at least " + MIN_ROWS + " rows to freeze deciles"
                    + " from; this sample has " + rows);
        }
        if (!columns.containsKey(BaselineProfile.PREDICTION)) {
            throw new IllegalArgumentException("the sample has no column '" + BaselineProfile.PREDICTION
                    + "': drift of the model's output is watched too");
        }
        var profiled = new ArrayList<BaselineProfile.Column>();
        columns.forEach((name, accumulator) -> profiled.add(accumulator.column(name)));
        return new BaselineProfile(rows, profiled);
    }

    private static final class Accumulator {
        private double[] numbers = new double[1024];
        private int numberCount;
        private final Map<String, Long> categories = new HashMap<>();
        private long missing;
        private boolean categorical;

        void add(Object value) {
            if (value == null || value instanceof Double d && d.isNaN()) {
                missing++;
            } else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                if (numberCount == numbers.length) {
                    numbers = Arrays.copyOf(numbers, numbers.length * 2);
                }
                numbers[numberCount++] = number.doubleValue();
                categories.merge(Bins.Categorical.text(value), 1L, Long::sum);
            } else {
                categorical = true;
                categories.merge(Bins.Categorical.text(value), 1L, Long::sum);
            }
        }

        BaselineProfile.Column column(String name) {
            if (numberCount == 0 && categories.isEmpty()) {
                throw new IllegalArgumentException("column '" + name + "' has no value in the whole sample");
            }
            return categorical ? categorical(name) : numeric(name);
        }

        private BaselineProfile.Column numeric(String name) {
            var values = Arrays.copyOf(numbers, numberCount);
            var edges = new ArrayList<Double>();
            for (var edge : QUANTILE.evaluate(values, DECILES)) {
                if (edges.isEmpty() || edge > edges.getLast()) {
                    edges.add(edge);
                }
            }
            var bins = new Bins.Numeric(edges);
            var counts = new long[bins.size()];
            for (var value : values) {
                counts[bins.binOf(value)]++;
            }
            counts[bins.missingBin()] = missing;
            return new BaselineProfile.Column(name, bins, Arrays.stream(counts).boxed().toList(),
                    values.length == 0 ? null : Arrays.stream(values).min().getAsDouble(),
                    values.length == 0 ? null : Arrays.stream(values).max().getAsDouble());
        }

        private BaselineProfile.Column categorical(String name) {
            var kept = categories.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_CATEGORIES).map(Map.Entry::getKey).sorted(Comparator.naturalOrder()).toList();
            var bins = new Bins.Categorical(kept);
            var counts = new long[bins.size()];
            categories.forEach((category, count) -> counts[bins.binOf(category)] += count);
            counts[bins.missingBin()] = missing;
            return new BaselineProfile.Column(name, bins, Arrays.stream(counts).boxed().toList());
        }
    }
}

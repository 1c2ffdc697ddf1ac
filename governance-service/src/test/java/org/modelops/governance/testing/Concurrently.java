package org.modelops.governance.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/** Runs the same call on many threads at once and collects the results in call order. */
public final class Concurrently {

    public interface Call<T> {
        T call(int index) throws Exception;
    }

    private Concurrently() {
    }

    public static <T> List<T> run(int count, Call<T> call) throws Exception {
        try (var pool = Executors.newFixedThreadPool(count)) {
            var tasks = new ArrayList<Callable<T>>();
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks.add(() -> call.call(index));
            }
            var results = new ArrayList<T>();
            for (var future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        }
    }
}

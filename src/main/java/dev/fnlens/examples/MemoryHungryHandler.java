package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function that uses a lot of memory: {@code {"megabytes": 200}} builds an in-memory working set of that size
 * (like loading a large file to transform it) and returns a digest of it. Asked for more than its memory size
 * allows, it fails with an OutOfMemoryError, as it would on Lambda.
 */
public class MemoryHungryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        int megabytes = event.get("megabytes") instanceof Number n ? n.intValue() : 64;
        List<long[]> workingSet = new ArrayList<>();
        long digest = 0;
        for (int mb = 0; mb < megabytes; mb++) {
            long[] chunk = new long[128 * 1024]; // 1 MiB
            for (int i = 0; i < chunk.length; i += 512) {
                chunk[i] = mb * 31L + i;
                digest += chunk[i];
            }
            workingSet.add(chunk);
        }
        return Map.of("megabytes", workingSet.size(), "digest", digest);
    }
}

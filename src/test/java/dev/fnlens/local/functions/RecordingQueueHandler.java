package dev.fnlens.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Records {@code receiveCount:body} of every message in {@code $RECORD_FILE}; bodies starting "fail" fail. */
public class RecordingQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            lines.append(m.getAttributes().get("ApproximateReceiveCount")).append(':').append(m.getBody()).append('\n');
            if (m.getBody().startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        try {
            Files.writeString(Path.of(System.getenv("RECORD_FILE")), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new SQSBatchResponse(failures);
    }
}

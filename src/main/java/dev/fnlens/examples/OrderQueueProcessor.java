package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order queue processor: takes a batch of orders from SQS and reports the ones it could not process as
 * batch item failures, so that only those are delivered again.
 */
public class OrderQueueProcessor implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Pattern QUANTITY = Pattern.compile("\"quantity\"\\s*:\\s*(-?\\d+)");

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Matcher quantity = QUANTITY.matcher(message.getBody());
            if (!quantity.find() || Integer.parseInt(quantity.group(1)) <= 0) {
                System.out.println("ERROR rejecting order message " + message.getMessageId() + ": " + message.getBody());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } else {
                System.out.println("processed order message " + message.getMessageId());
            }
        }
        return new SQSBatchResponse(failures);
    }
}

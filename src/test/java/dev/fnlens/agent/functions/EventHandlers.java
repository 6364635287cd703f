package dev.fnlens.agent.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One plain (POJO) handler method per event type, as {@code _HANDLER} names them: the runtime
 * interface client deserialises each event into its aws-lambda-java-events class.
 */
public class EventHandlers {
    public APIGatewayProxyResponseEvent apiRest(APIGatewayProxyRequestEvent event, Context context) {
        return new APIGatewayProxyResponseEvent().withStatusCode(201).withBody("created " + event.getPath());
    }

    public APIGatewayV2HTTPResponse httpApi(APIGatewayV2HTTPEvent event, Context context) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(202).withBody("accepted " + event.getRawPath())
                .build();
    }

    public ApplicationLoadBalancerResponseEvent alb(ApplicationLoadBalancerRequestEvent event) {
        ApplicationLoadBalancerResponseEvent response = new ApplicationLoadBalancerResponseEvent();
        response.setStatusCode(204);
        return response;
    }

    public String s3(S3Event event) {
        return event.getRecords().get(0).getS3().getObject().getKey();
    }

    public String sqs(SQSEvent event, Context context) {
        return "processed " + event.getRecords().size();
    }

    public String sns(SNSEvent event) {
        return event.getRecords().get(0).getSNS().getMessage();
    }

    public int dynamodb(DynamodbEvent event) {
        return event.getRecords().size();
    }

    public int kinesis(KinesisEvent event) {
        return event.getRecords().size();
    }

    public String scheduled(ScheduledEvent event, Context context) {
        return event.getDetailType();
    }

    public Map<String, Object> map(Map<String, Object> event, Context context) {
        return Map.of("statusCode", 200, "keys", event.keySet().size());
    }

    public void stream(InputStream in, OutputStream out, Context context) throws IOException {
        in.readAllBytes();
        out.write("{\"statusCode\": 200, \"body\": \"ok\"}".getBytes(StandardCharsets.UTF_8));
    }
}

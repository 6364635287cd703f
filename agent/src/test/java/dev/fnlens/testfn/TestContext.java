package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context as a test harness would pass it. */
public final class TestContext implements Context {
    public static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:greeter";

    private final String requestId;

    public TestContext(String requestId) {
        this.requestId = requestId;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/greeter";
    }

    @Override
    public String getLogStreamName() {
        return "2024/01/01/[$LATEST]00000000000000000000000000000000";
    }

    @Override
    public String getFunctionName() {
        return "greeter";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return ARN;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 3000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 256;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}

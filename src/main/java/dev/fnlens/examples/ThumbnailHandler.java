package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The image thumbnail function of the Lambda tutorials: an uploaded image (the HTTP body) comes back as a PNG
 * whose longer side is at most {@value #MAX_SIDE} pixels, aspect ratio kept.
 */
public class ThumbnailHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_SIDE = 128;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        String body = request.getBody() == null ? "" : request.getBody();
        byte[] upload = request.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.ISO_8859_1);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(upload));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(415)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{\"message\":\"the body is not an image ImageIO can read\"}").build();
        }
        BufferedImage thumbnail = resize(image);
        if (context != null) {
            context.getLogger().log("Thumbnail " + image.getWidth() + "x" + image.getHeight() + " -> "
                    + thumbnail.getWidth() + "x" + thumbnail.getHeight() + "\n");
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "image/png"))
                .withBody(Base64.getEncoder().encodeToString(png(thumbnail)))
                .withIsBase64Encoded(true).build();
    }

    static BufferedImage resize(BufferedImage image) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return thumbnail;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }
}

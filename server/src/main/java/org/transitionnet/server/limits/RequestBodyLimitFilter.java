package org.transitionnet.server.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;
import org.transitionnet.server.errors.OperationOutcomes;

/**
 * Reads each request body of the FHIR endpoint under limits before anything parses it: the body as sent
 * ({@code max-request-size}), the body after gzip decoding ({@code max-decompressed-size}: a 13 MB gzip
 * bomb would otherwise inflate to gigabytes), both answered 413; and the nesting depth of JSON or XML
 * ({@code max-nesting-depth}), answered 400. The body passed on is the decoded one. It runs after
 * authentication, so requests without a valid token never have their bodies read.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final LimitsProperties limits;

    public RequestBodyLimitFilter(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean hasBody = declared > 0 || (declared < 0 && request.getHeader("Transfer-Encoding") != null);
        if (!hasBody || isForm(request)) {
            // Form posts are bounded by the container (server.tomcat.max-http-form-post-size).
            chain.doFilter(request, response);
            return;
        }
        long maxRequest = limits.maxRequestSize().toBytes();
        if (declared > maxRequest) {
            response.setHeader("Connection", "close");
            tooLarge(
                    response,
                    "The request body has " + declared + " bytes; this server accepts at most " + maxRequest
                            + " (transitionnet.limits.max-request-size)");
            return;
        }
        byte[] body;
        try {
            body = BoundedRead.read(request.getInputStream(), maxRequest);
        } catch (BoundedRead.TooLarge e) {
            response.setHeader("Connection", "close");
            tooLarge(
                    response,
                    "The request body is larger than the " + maxRequest
                            + " bytes this server accepts (transitionnet.limits.max-request-size)");
            return;
        }
        boolean decoded = isGzip(request.getHeader("Content-Encoding"));
        if (decoded) {
            long maxDecompressed = limits.maxDecompressedSize().toBytes();
            try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = BoundedRead.read(gzip, maxDecompressed);
            } catch (BoundedRead.TooLarge e) {
                tooLarge(
                        response,
                        "The gzip-encoded request body inflates to more than the " + maxDecompressed
                                + " bytes this server accepts (transitionnet.limits.max-decompressed-size)");
                return;
            } catch (IOException e) {
                OperationOutcomes.write(
                        response,
                        HttpServletResponse.SC_BAD_REQUEST,
                        OperationOutcome.IssueType.INVALID,
                        "The request body is declared gzip-encoded (Content-Encoding: gzip) but is not valid gzip");
                return;
            }
        }
        if (NestingDepth.exceeds(body, limits.maxNestingDepth())) {
            OperationOutcomes.write(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    OperationOutcome.IssueType.TOOCOSTLY,
                    "The request body nests deeper than " + limits.maxNestingDepth()
                            + " levels of objects, arrays or elements (transitionnet.limits.max-nesting-depth)");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body, decoded), response);
    }

    private static void tooLarge(HttpServletResponse response, String message) throws IOException {
        OperationOutcomes.write(response, 413, OperationOutcome.IssueType.TOOCOSTLY, message);
    }

    private static boolean isGzip(String encoding) {
        if (encoding == null) {
            return false;
        }
        String e = encoding.trim().toLowerCase(Locale.ROOT);
        return e.equals("gzip") || e.equals("x-gzip");
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}

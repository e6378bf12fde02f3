package org.transitionnet.server.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A request whose body has already been read (and, when it was gzip-encoded, decompressed): the body is
 * served from memory, and a decoded body no longer announces a {@code Content-Encoding}.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private static final String CONTENT_ENCODING = "content-encoding";

    private final byte[] body;
    private final boolean decoded;

    BufferedBodyRequest(HttpServletRequest request, byte[] body, boolean decoded) {
        super(request);
        this.body = body;
        this.decoded = decoded;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already in memory");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getHeader(String name) {
        if (isDecodedEncoding(name)) {
            return null;
        }
        if ("content-length".equalsIgnoreCase(name)) {
            return Integer.toString(body.length);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (isDecodedEncoding(name)) {
            return Collections.emptyEnumeration();
        }
        if ("content-length".equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(Integer.toString(body.length)));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        if (!decoded) {
            return super.getHeaderNames();
        }
        List<String> names = Collections.list(super.getHeaderNames());
        names.removeIf(n -> n.toLowerCase(Locale.ROOT).equals(CONTENT_ENCODING));
        return Collections.enumeration(names);
    }

    private boolean isDecodedEncoding(String name) {
        return decoded && CONTENT_ENCODING.equalsIgnoreCase(name);
    }
}

package cn.moralbank.web.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * A request Netty could not read: Micronaut answers every "too long" 413, whatever was too long. An address too long
 * is 414 and headers too large are 431 (RFC 9110, RFC 6585), so that the person is told to shorten the address or to
 * clear cookies rather than that a file was too large.
 */
final class UnreadableRequests {
    private UnreadableRequests() {
    }

    /** The status the request deserves, or null when it was read. */
    static HttpStatus status(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return null;
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return null;
    }
}

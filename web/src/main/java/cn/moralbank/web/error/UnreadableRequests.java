package cn.moralbank.web.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * A request Netty could not read: Micronaut answers every "too long" 413, whatever was too long. An address too long
 * is 414 and headers too large are 431 (RFC 9110, RFC 6585), so that the person is told to shorten the address or to
 * clear cookies rather than that a file was too large. Any other request it could not read is a 400. None of them
 * passed through a filter, so their answers get the security headers and no-store where they are made
 * ({@link ProblemResponses}).
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
        // any other request Netty could not read (a control character in a header, a space in a header's name, two
        // Content-Lengths): 400, told like the others, since its headers were not read either
        if (cause != null) {
            return HttpStatus.BAD_REQUEST;
        }
        // an address Micronaut could not decode (/api/households/%zz): it answers for a stand-in request of "/" with
        // none of the caller's headers, Host included, so the caller's language is not known either
        return request.getHeaders().get(HttpHeaders.HOST) == null ? HttpStatus.BAD_REQUEST : null;
    }
}

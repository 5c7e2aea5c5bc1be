package cn.moralbank.points.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request came from, for the throttles: the connection's own address, unless that is one of the
 * county's configured trusted proxies ({@code MORALBANK_TRUSTED_PROXIES}, addresses or CIDR ranges, comma
 * separated); then the last address in X-Forwarded-For that is not itself a trusted proxy. A client cannot choose its
 * address by sending the header itself: from anywhere but a trusted proxy the header is ignored.
 */
@Singleton
public class ClientAddress {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private final List<byte[][]> trusted = new ArrayList<>();

    public ClientAddress(@Value("${moralbank.trusted-proxies:}") String proxies) {
        for (String entry : proxies.split(",")) {
            String cidr = entry.strip();
            if (!cidr.isEmpty()) {
                trusted.add(range(cidr));
            }
        }
    }

    public String of(HttpRequest<?> request) {
        return of(request.getRemoteAddress().getAddress(), request.getHeaders().getAll("X-Forwarded-For"));
    }

    /** The client's address, given the connection's and the X-Forwarded-For headers (first header first). */
    String of(InetAddress remote, List<String> forwarded) {
        String address = remote == null ? "unknown" : remote.getHostAddress();
        if (remote == null || !trusted(remote.getAddress())) {
            return address;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        // from the nearest hop back: the first address that is not one of our proxies is the client's
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return address;
            }
            if (!trusted(hop.getAddress())) {
                return hop.getHostAddress();
            }
            address = hop.getHostAddress();
        }
        return address;
    }

    private boolean trusted(byte[] address) {
        for (byte[][] range : trusted) {
            byte[] net = range[0];
            int bits = range[1][0] & 0xff;
            if (net.length == address.length && matches(net, address, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] net, byte[] address, int bits) {
        for (int i = 0; i < net.length; i++) {
            int take = Math.max(0, Math.min(8, bits - i * 8));
            int mask = take == 0 ? 0 : (0xff << (8 - take)) & 0xff;
            if ((net[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] range(String cidr) {
        String[] parts = cidr.split("/", 2);
        InetAddress net = literal(parts[0]);
        if (net == null) {
            throw new IllegalArgumentException("moralbank.trusted-proxies: not an address: " + cidr);
        }
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : net.getAddress().length * 8;
        return new byte[][]{net.getAddress(), {(byte) bits}};
    }

    /** An address written as digits (never a name: no DNS lookup for what a client sent). */
    private static InetAddress literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

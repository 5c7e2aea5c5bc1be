package cn.moralbank.points.common;

/**
 * The ledger did not answer in time (the database is unreachable, or every connection is busy): 503 with a message
 * code. Nothing is known to have happened; sending the same request again (same entry id) is safe.
 */
public class TryAgainLater extends RuntimeException {
    private final String code;

    public TryAgainLater(String code, Throwable cause) {
        super(code, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package cn.moralbank.points.ledger.api;

import cn.moralbank.points.common.BadInput;

/**
 * A command the ledger will not carry out. The code names a message in the user's language (i18n bundle
 * {@code messages}); the arguments fill it.
 */
public class LedgerRefusal extends BadInput {
    public LedgerRefusal(String code, Object... arguments) {
        super(code, arguments);
    }
}

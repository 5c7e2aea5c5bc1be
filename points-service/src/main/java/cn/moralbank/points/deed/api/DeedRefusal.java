package cn.moralbank.points.deed.api;

import cn.moralbank.points.common.BadInput;

/**
 * A command a deed or a review session will not carry out (a vote after the decision, an objection after the
 * period...). The code names a message of the {@code deeds} bundle; nothing is changed.
 */
public class DeedRefusal extends BadInput {
    public DeedRefusal(String code, Object... arguments) {
        super(code, arguments);
    }
}

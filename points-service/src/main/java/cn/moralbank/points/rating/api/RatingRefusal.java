package cn.moralbank.points.rating.api;

import cn.moralbank.points.common.BadInput;

/**
 * A command a rating round will not carry out (publishing twice, an appeal after its period, weights that do not sum
 * to 100...). The code names a message of the {@code ratings} bundle; nothing is changed.
 */
public class RatingRefusal extends BadInput {
    public RatingRefusal(String code, Object... arguments) {
        super(code, arguments);
    }
}

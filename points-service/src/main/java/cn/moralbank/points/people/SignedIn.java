package cn.moralbank.points.people;

import cn.moralbank.points.access.Actor;

/** A person who proved who they are: their actor (role and scope) and the name to greet them by. */
public record SignedIn(Actor actor, String displayName) {
}

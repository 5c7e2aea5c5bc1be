package cn.moralbank.points.common;

/**
 * A {@link Projection} kept in the same transaction as the command whose events it records (a subscribing
 * processor), for set-based checks that must see every earlier command at once: e.g. a rule's limit per household
 * and period, where two reports in a row must not both pass. Not replayed: it is as old as the events it mirrors.
 */
public interface CommandSideLookup extends Projection {
}

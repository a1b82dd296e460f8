package org.vaesim.host.epoch;

/**
 * What the scenario explicitly put into or took out of the economy. Conservation means: the money held by
 * agents plus the fee sink equals {@code moneyInitial + moneyInjected - moneyRemoved}, and for every market
 * the units held equal {@code goodsInitial + goodsInjected - goodsRemoved}. Every total is kept with exact
 * arithmetic: one that would leave 64 bits throws instead of wrapping, so conservation can never hold by accident.
 */
public final class Accounting {
    public long moneyInitial;
    public long moneyInjected;
    public long moneyRemoved;
    public final long[] goodsInitial;
    public final long[] goodsInjected;
    public final long[] goodsRemoved;

    public Accounting(int markets) {
        goodsInitial = new long[markets];
        goodsInjected = new long[markets];
        goodsRemoved = new long[markets];
    }

    /** Adds {@code micros} to the money put in; exact: a sum beyond 64 bits throws {@link ArithmeticException}. */
    public void injectMoney(long micros) {
        moneyInjected = add(moneyInjected, micros, "the money injected");
    }

    /** Adds {@code micros} to the money taken out; exact, as {@link #injectMoney}. */
    public void removeMoney(long micros) {
        moneyRemoved = add(moneyRemoved, micros, "the money removed");
    }

    /** Adds {@code units} to the goods of market {@code m} put in; exact, as {@link #injectMoney}. */
    public void injectGoods(int m, long units) {
        goodsInjected[m] = add(goodsInjected[m], units, "the goods injected");
    }

    /** Adds {@code units} to the goods of market {@code m} taken out; exact, as {@link #injectMoney}. */
    public void removeGoods(int m, long units) {
        goodsRemoved[m] = add(goodsRemoved[m], units, "the goods removed");
    }

    /** The money agents and sinks must hold; exact: throws {@link ArithmeticException} beyond 64 bits. */
    public long moneyExpected() {
        return subtract(add(moneyInitial, moneyInjected, "the money expected"), moneyRemoved, "the money expected");
    }

    /** The units of market {@code m} agents must hold; exact, as {@link #moneyExpected}. */
    public long goodsExpected(int m) {
        return subtract(add(goodsInitial[m], goodsInjected[m], "the goods expected"), goodsRemoved[m],
                "the goods expected");
    }

    private static long add(long total, long amount, String what) {
        try {
            return Math.addExact(total, amount);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(what + " left 64 bits (" + total + " + " + amount + ")");
        }
    }

    private static long subtract(long total, long amount, String what) {
        try {
            return Math.subtractExact(total, amount);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(what + " left 64 bits (" + total + " - " + amount + ")");
        }
    }
}

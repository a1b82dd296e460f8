package org.vaesim.host.epoch;

/**
 * What the scenario explicitly put into or took out of the economy. Conservation means: the money held by
 * agents plus the fee sink equals {@code moneyInitial + moneyInjected - moneyRemoved}, and for every market
 * the units held equal {@code goodsInitial + goodsInjected - goodsRemoved}.
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

    public long moneyExpected() {
        return moneyInitial + moneyInjected - moneyRemoved;
    }

    public long goodsExpected(int m) {
        return goodsInitial[m] + goodsInjected[m] - goodsRemoved[m];
    }
}

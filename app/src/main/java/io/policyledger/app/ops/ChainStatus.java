package io.policyledger.app.ops;

import org.springframework.stereotype.Component;

/** What the last verification of the event log's hash chain on this instance found. */
@Component
public class ChainStatus {

    private volatile double intact = Double.NaN;

    public void verified(boolean intact) {
        this.intact = intact ? 1 : 0;
    }

    /** 1 intact, 0 altered, NaN not verified since this instance started. */
    double intact() {
        return intact;
    }
}

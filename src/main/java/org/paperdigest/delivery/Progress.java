package org.paperdigest.delivery;

/** Hears about each delivery as it is settled; the CLI draws a progress bar with it. */
public interface Progress {
    /** How one delivery ended in this run. */
    enum Outcome { SENT, RETRY, FAILED, SKIPPED }

    void started(int issue, long toSend);

    void settled(Outcome outcome);

    void paused(String reason);

    Progress NONE = new Progress() {
        @Override
        public void started(int issue, long toSend) {}

        @Override
        public void settled(Outcome outcome) {}

        @Override
        public void paused(String reason) {}
    };
}

package org.transitionnet.server.derivation.transition;

/** How the state variable moved, judged against its desirable direction and minimal meaningful change. */
public enum Direction {
    IMPROVED("improved", "Improved"),
    WORSENED("worsened", "Worsened"),
    UNCHANGED("unchanged", "Unchanged");

    private final String code;
    private final String display;

    Direction(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }
}

package org.transitionnet.server.release.deid;

import java.util.Set;

/** Generalizations of quasi-identifiers, following HIPAA Safe Harbor where it prescribes one. */
public final class Generalizer {

    /** Safe Harbor: every age over 89 falls into one category. */
    public static final int OLDEST_BAND_START = 90;

    public static final String RESTRICTED_ZIP3 = "000";

    private final Set<String> restrictedZip3;

    /**
     * @param restrictedZip3 three-digit ZIP prefixes whose areas hold 20,000 people or fewer; Safe
     *                       Harbor requires them to become {@code 000}
     */
    public Generalizer(Set<String> restrictedZip3) {
        this.restrictedZip3 = Set.copyOf(restrictedZip3);
    }

    /** Ten-year bands ("50-59"), everything from 90 on as "90+". */
    public static String ageBand(int years) {
        return ageBand(years, 10);
    }

    /** Bands of the given width; a wider band is a coarser generalization (used by k-anonymity). */
    public static String ageBand(int years, int width) {
        if (years < 0) {
            throw new IllegalArgumentException("negative age");
        }
        if (years >= OLDEST_BAND_START) {
            return OLDEST_BAND_START + "+";
        }
        int start = (years / width) * width;
        int end = Math.min(start + width - 1, OLDEST_BAND_START - 1);
        return start + "-" + end;
    }

    /** First three digits, or 000 for restricted prefixes and anything that is not a US ZIP code. */
    public String zip3(String zip) {
        if (zip == null) {
            return null;
        }
        String digits = zip.strip();
        if (digits.length() < 3 || !digits.substring(0, 3).chars().allMatch(Character::isDigit)) {
            return RESTRICTED_ZIP3;
        }
        String prefix = digits.substring(0, 3);
        return restrictedZip3.contains(prefix) ? RESTRICTED_ZIP3 : prefix;
    }
}

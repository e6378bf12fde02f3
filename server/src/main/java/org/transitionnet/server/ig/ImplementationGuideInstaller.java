package org.transitionnet.server.ig;

import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.packages.util.PackageUtils;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transitionnet.server.config.StartupLock;

/**
 * Installs an IG package through HAPI's package installer once per name and version: every node runs this at
 * start, under the {@link StartupLock}, and a node that finds the same package bytes already stored (HAPI's
 * package record, compared by SHA-256) leaves everything as it is. HAPI itself would store the package as a new
 * Binary on every call, even when it then finds the version installed. A new version is installed next to the
 * old ones; the same version with other bytes (a rebuilt package whose version was not raised) replaces the
 * stored one.
 */
public class ImplementationGuideInstaller {

    /** What {@link #install} did. */
    public enum Outcome {
        /** Not stored before: stored and its conformance resources installed. */
        INSTALLED,
        /** The same bytes were stored under this name and version: nothing written. */
        ALREADY_INSTALLED,
        /** Other bytes were stored under this name and version: replaced, conformance resources updated. */
        REPLACED
    }

    /**
     * HAPI's default resource types, plus the operations and the requirements CapabilityStatement of the
     * guide, so that {@code GET [base]/OperationDefinition} serves the definitions the server's own
     * CapabilityStatement points at.
     */
    static final List<String> INSTALLED_TYPES = Stream.concat(
                    PackageUtils.DEFAULT_INSTALL_TYPES.stream(),
                    Stream.of("OperationDefinition", "CapabilityStatement"))
            .distinct()
            .toList();

    private static final Logger log = LoggerFactory.getLogger(ImplementationGuideInstaller.class);

    private final IPackageInstallerSvc installer;
    private final IHapiPackageCacheManager packages;
    private final StartupLock startupLock;

    public ImplementationGuideInstaller(
            IPackageInstallerSvc installer, IHapiPackageCacheManager packages, StartupLock startupLock) {
        this.installer = installer;
        this.packages = packages;
        this.startupLock = startupLock;
    }

    public Outcome install(ImplementationGuidePackage ig) {
        return startupLock.whileHolding("IG package " + ig.name() + "#" + ig.version(), () -> installOnce(ig));
    }

    private Outcome installOnce(ImplementationGuidePackage ig) {
        String hash = sha256(ig.contents());
        byte[] stored = storedBytes(ig);
        if (stored != null && sha256(stored).equals(hash)) {
            log.info(
                    "IG package {}#{} is installed (sha256 {}): nothing to store",
                    ig.name(),
                    ig.version(),
                    hash.substring(0, 12));
            return Outcome.ALREADY_INSTALLED;
        }
        if (stored != null) {
            log.warn(
                    "IG package {}#{} is stored with other contents (sha256 {}, now {}): replacing it; raise the package "
                            + "version when its contents change",
                    ig.name(),
                    ig.version(),
                    sha256(stored).substring(0, 12),
                    hash.substring(0, 12));
            packages.uninstallPackage(ig.name(), ig.version());
        }
        PackageInstallationSpec spec = new PackageInstallationSpec()
                .setName(ig.name())
                .setVersion(ig.version())
                .setPackageContents(ig.contents())
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                .setFetchDependencies(false);
        spec.setInstallResourceTypes(INSTALLED_TYPES);
        // Conformance resources of an earlier version (same canonical URLs) are updated to this version's.
        spec.setReloadExisting(true);
        installer.install(spec);
        log.info("IG package {}#{} (sha256 {}) stored and installed", ig.name(), ig.version(), hash.substring(0, 12));
        return stored == null ? Outcome.INSTALLED : Outcome.REPLACED;
    }

    /** The bytes HAPI stored for this name and version, or null when it has none. */
    private byte[] storedBytes(ImplementationGuidePackage ig) {
        IHapiPackageCacheManager.PackageContents contents = packages.loadPackageContents(ig.name(), ig.version());
        return contents == null ? null : contents.getBytes();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.transitionnet.server.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This server process as a member of the cluster: a new id for every process start (a restarted node
 * is a new node, so the work of the process that died is recognised as orphaned), its host and pid
 * for operators, and how many Batch2 workers it runs (its capacity when work is shared).
 */
public record ClusterNode(String id, String host, long pid, int workers) {

    public static ClusterNode thisProcess(int workers) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return new ClusterNode(
                UUID.randomUUID().toString(),
                host,
                ManagementFactory.getRuntimeMXBean().getPid(),
                workers);
    }
}

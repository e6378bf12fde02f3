package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.StatusEnum;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HAPI's Batch2 persistence, recording who takes work: when this node moves a chunk from READY to QUEUED
 * (the only way HAPI hands a chunk to a worker, from its maintenance pass or a job's data sink), the claim
 * is written in the same transaction, and the chunk is announced on the node's work channel only after
 * that transaction has committed (a worker told earlier would not see the claim yet and drop the
 * chunk as another node's; if the transaction rolls back, the chunk is still READY and nothing is
 * announced); when this
 * node moves a job instance to FINALIZE (it runs the reduction step), that is recorded too. Every other
 * call goes to HAPI's implementation unchanged.
 */
public final class ClaimingJobPersistence implements InvocationHandler {

    private final IJobPersistence target;
    private final Supplier<ChunkClaims> claims;
    private final Supplier<TransactionTemplate> transaction;

    private ClaimingJobPersistence(
            IJobPersistence target, Supplier<ChunkClaims> claims, Supplier<TransactionTemplate> transaction) {
        this.target = target;
        this.claims = claims;
        this.transaction = transaction;
    }

    /** The persistence with claims recorded; the suppliers are asked on first use (they are beans created later). */
    public static IJobPersistence wrap(
            IJobPersistence target, Supplier<ChunkClaims> claims, Supplier<TransactionTemplate> transaction) {
        return (IJobPersistence) Proxy.newProxyInstance(
                IJobPersistence.class.getClassLoader(),
                new Class<?>[] {IJobPersistence.class},
                new ClaimingJobPersistence(target, claims, transaction));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if ("enqueueWorkChunkForProcessing".equals(name) && args != null && args.length == 2) {
            enqueue((String) args[0], (Consumer<Integer>) args[1]);
            return null;
        }
        if ("markInstanceAsStatusWhenStatusIn".equals(name)
                && args != null
                && args.length == 3
                && args[1] == StatusEnum.FINALIZE) {
            return transaction.get().execute(status -> {
                boolean changed = (Boolean) call(method, args);
                if (changed) {
                    claims.get().claimFinalize((String) args[0]);
                }
                return changed;
            });
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "ClaimingJobPersistence(" + target + ")";
                default -> call(method, args);
            };
        }
        return call(method, args);
    }

    /**
     * Moves the chunk and writes the claim in one transaction, and announces it only once that has
     * committed: a worker that received the announcement earlier would not see the claim yet (and
     * would drop the chunk as another node's). Inside a caller's transaction the announcement waits for
     * the caller's commit, and is never made when it rolls back (the chunk is then still READY).
     */
    private void enqueue(String chunkId, Consumer<Integer> announce) {
        int[] moved = {0};
        boolean[] deferred = {false};
        transaction.get().executeWithoutResult(status -> {
            target.enqueueWorkChunkForProcessing(chunkId, updated -> {
                moved[0] = updated;
                if (updated == 1) {
                    claims.get().claimEnqueued(chunkId);
                }
            });
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        announce.accept(moved[0]);
                    }
                });
                deferred[0] = true;
            }
        });
        if (!deferred[0]) {
            announce.accept(moved[0]);
        }
    }

    private Object call(Method method, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

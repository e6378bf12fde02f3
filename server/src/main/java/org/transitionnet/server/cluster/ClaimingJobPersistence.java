package org.transitionnet.server.cluster;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.StatusEnum;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * HAPI's Batch2 persistence, recording who takes work: when this node moves a chunk from READY to QUEUED
 * (the only way HAPI hands a chunk to a worker, from its maintenance pass or a job's data sink), the claim
 * is written in the same transaction, before the chunk is announced on the node's work channel; when this
 * node moves a job instance to FINALIZE (it runs the reduction step), that is recorded too. Every other
 * call goes to HAPI's implementation unchanged.
 */
public final class ClaimingJobPersistence implements InvocationHandler {

	private final IJobPersistence target;
	private final Supplier<ChunkClaims> claims;
	private final Supplier<TransactionTemplate> transaction;

	private ClaimingJobPersistence(IJobPersistence target, Supplier<ChunkClaims> claims, Supplier<TransactionTemplate> transaction) {
		this.target = target;
		this.claims = claims;
		this.transaction = transaction;
	}

	/** The persistence with claims recorded; the suppliers are asked on first use (they are beans created later). */
	public static IJobPersistence wrap(IJobPersistence target, Supplier<ChunkClaims> claims, Supplier<TransactionTemplate> transaction) {
		return (IJobPersistence) Proxy.newProxyInstance(IJobPersistence.class.getClassLoader(), new Class<?>[] {IJobPersistence.class},
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
		if ("markInstanceAsStatusWhenStatusIn".equals(name) && args != null && args.length == 3 && args[1] == StatusEnum.FINALIZE) {
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

	private void enqueue(String chunkId, Consumer<Integer> announce) {
		transaction.get().executeWithoutResult(status -> target.enqueueWorkChunkForProcessing(chunkId, updated -> {
			if (updated == 1) {
				claims.get().claimEnqueued(chunkId);
			}
			announce.accept(updated);
		}));
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

package dev.whopper.workloads.elle;

import dev.whopper.core.db.Connection;
import dev.whopper.core.db.Database;
import dev.whopper.core.db.DbError;
import dev.whopper.core.db.DbException;
import dev.whopper.core.db.TxMode;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.workloads.history.Event;
import dev.whopper.workloads.history.MicroOp;
import dev.whopper.workloads.history.Model;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One recorded transaction as an explicit state machine: plan and record the invocation, make sure the database is
 * open (opening or reopening it when this fiber must), connect, BEGIN, run each micro-op (a get, then a put for an
 * append or a write), COMMIT, and record the completion: ok with what was read; fail when an expected engine error
 * (BUSY, BUSY_SNAPSHOT, an I/O error, read-only after a failed sync, CORRUPT after a bit flip) ended it before the
 * commit; info when the commit itself failed (it may have taken effect). A crash makes it info too
 * ({@link ElleWorld#crashed()}).
 */
final class ElleTxn implements Operation<String> {
    private static final int MAX_TRANSITIONS = 64;
    private static final long REOPEN_WAIT_NANOS = 100_000;

    private enum Phase { START, ENSURE_OPEN, OPENING, CONNECT, CLEANUP, BEGIN, GET, PUT, COMMIT, ROLLBACK, DONE }

    private final ElleWorld w;
    private final FiberContext ctx;
    private final int id;
    private Phase phase = Phase.START;
    private StateMachine<?> sub;
    private StateMachine<Database> openMachine;
    private List<MicroOp> plan;
    private final List<MicroOp> done = new ArrayList<>();
    private TxMode mode;
    private byte[] current;
    private boolean inFlight;
    /** How an error ends it: fail before the commit, info once the commit began. */
    private Event.Type errorOutcome = Event.Type.FAIL;
    private String label;

    ElleTxn(ElleWorld world, FiberContext ctx) {
        this.w = world;
        this.ctx = ctx;
        this.id = ctx.id();
    }

    @Override
    public String kind() {
        return "txn";
    }

    @Override
    public IOResult<String> step() {
        try {
            return advance();
        } catch (DbException e) {
            return failed(e.error(), e.getMessage());
        } catch (IOFailureException e) {
            return failed(DbError.IO_ERROR, e.getMessage());
        }
    }

    private IOResult<String> advance() {
        for (int transitions = 0; transitions < MAX_TRANSITIONS; transitions++) {
            IOResult<String> r = switch (phase) {
                case START -> start();
                case ENSURE_OPEN -> ensureOpen();
                case OPENING -> opening();
                case CONNECT -> connect();
                case CLEANUP -> run(() -> conn().rollback(), Phase.BEGIN);
                case BEGIN -> run(() -> conn().begin(mode), Phase.GET);
                case GET -> get();
                case PUT -> put();
                case COMMIT -> commit();
                case ROLLBACK -> rollback();
                case DONE -> throw new IllegalStateException("transaction stepped after it finished");
            };
            if (r != null) {
                return r;
            }
        }
        throw new IllegalStateException("transaction made " + MAX_TRANSITIONS + " transitions without yielding, in " + phase);
    }

    private IOResult<String> start() {
        plan = w.plan(ctx.random());
        mode = ctx.random().nextInt(2) == 0 ? TxMode.DEFERRED : TxMode.IMMEDIATE;
        if (w.clock == null) {
            w.clock = ctx.clock();
        }
        w.invoked(id, plan, ctx.opIndex());
        phase = Phase.ENSURE_OPEN;
        return null;
    }

    private IOResult<String> ensureOpen() {
        if (w.db != null && w.db.isReadOnlyAfterSyncFailure()) {
            w.reopenWanted = true;
        }
        if (w.reopenWanted && w.db != null) {
            if (w.inFlight > 0) {
                return IOResult.io(ctx.sleep(REOPEN_WAIT_NANOS));
            }
            w.db.close();
            w.db = null;
            w.epoch++;
            w.reopenWanted = false;
            w.reopens++;
        }
        if (w.db != null) {
            inFlight = true;
            w.inFlight++;
            phase = Phase.CONNECT;
        } else if (w.opening) {
            return IOResult.io(w.opened.await());
        } else {
            w.opening = true;
            openMachine = Database.open(w.io, ElleWorld.PATH, w.options);
            phase = Phase.OPENING;
        }
        return null;
    }

    private IOResult<String> opening() {
        IOResult<Database> r = openMachine.step();
        if (r.isIo()) {
            return r.cast();
        }
        openMachine = null;
        w.openedDatabase(r.value());
        w.opening = false;
        w.opened.signalAll();
        phase = Phase.ENSURE_OPEN;
        return null;
    }

    private IOResult<String> connect() {
        if (w.connections[id] == null || w.connectionEpoch[id] != w.epoch) {
            w.connections[id] = w.db.connect(ctx.yields());
            w.connectionEpoch[id] = w.epoch;
        }
        phase = conn().inTransaction() ? Phase.CLEANUP : Phase.BEGIN;
        return null;
    }

    private Connection conn() {
        return w.connections[id];
    }

    /** Steps the engine machine of this phase (made on its first step); moves to {@code next} when it is done. */
    private <T> IOResult<String> run(Supplier<StateMachine<T>> machine, Phase next) {
        IOResult<T> r = stepSub(machine);
        if (r.isIo()) {
            return r.cast();
        }
        phase = next;
        return null;
    }

    @SuppressWarnings("unchecked")
    private <T> IOResult<T> stepSub(Supplier<StateMachine<T>> machine) {
        if (sub == null) {
            sub = machine.get();
        }
        IOResult<T> r = ((StateMachine<T>) sub).step();
        if (r.isDone()) {
            sub = null;
        }
        return r;
    }

    private IOResult<String> get() {
        if (done.size() == plan.size()) {
            errorOutcome = Event.Type.INFO;
            phase = Phase.COMMIT;
            return null;
        }
        MicroOp op = plan.get(done.size());
        IOResult<byte[]> r = stepSub(() -> conn().get(ValueCodec.key(op.key())));
        if (r.isIo()) {
            return r.cast();
        }
        if (op.isRead()) {
            done.add(w.model == Model.LIST_APPEND ? new MicroOp.ListRead(op.key(), ValueCodec.decodeList(r.value()))
                : new MicroOp.RegisterRead(op.key(), ValueCodec.decodeRegister(r.value())));
        } else {
            current = r.value();
            phase = Phase.PUT;
        }
        return null;
    }

    private IOResult<String> put() {
        MicroOp op = plan.get(done.size());
        IOResult<Void> r = stepSub(() -> conn().put(ValueCodec.key(op.key()), newValue(op)));
        if (r.isIo()) {
            return r.cast();
        }
        done.add(op);
        phase = Phase.GET;
        return null;
    }

    private byte[] newValue(MicroOp op) {
        if (op instanceof MicroOp.Append a) {
            return ValueCodec.encodeList(ValueCodec.append(ValueCodec.decodeList(current), a.value()));
        }
        return ValueCodec.encodeRegister(((MicroOp.Write) op).value());
    }

    private IOResult<String> commit() {
        IOResult<Void> r = stepSub(() -> conn().commit());
        if (r.isIo()) {
            return r.cast();
        }
        w.completed(id, Event.Type.OK, done);
        return finish("ok");
    }

    private IOResult<String> rollback() {
        if (conn() != null && w.connectionEpoch[id] == w.epoch && conn().inTransaction()) {
            IOResult<Void> r = stepSub(() -> conn().rollback());
            if (r.isIo()) {
                return r.cast();
            }
        }
        return finish(label);
    }

    private IOResult<String> finish(String outcome) {
        if (inFlight) {
            inFlight = false;
            w.inFlight--;
        }
        phase = Phase.DONE;
        sub = null;
        return IOResult.done(outcome);
    }

    private IOResult<String> failed(DbError error, String message) {
        sub = null;
        Phase at = phase;
        label = refusal(error, message);
        w.completed(id, errorOutcome, plan);
        if (at == Phase.OPENING) {
            openMachine = null;
            w.opening = false;
            w.opened.signalAll();
            return finish("open-" + label);
        }
        if (at == Phase.ROLLBACK || at == Phase.CONNECT || at == Phase.ENSURE_OPEN) {
            return finish(label); // the next transaction's CONNECT cleans up a transaction left open
        }
        phase = Phase.ROLLBACK;
        return IOResult.io(Completion.yielded());
    }

    /** Counts an expected engine refusal and names it; anything else is rethrown and fails the run. */
    private String refusal(DbError error, String message) {
        switch (error) {
            case BUSY, BUSY_SNAPSHOT -> {
                w.busy++;
                return "busy";
            }
            case IO_ERROR -> {
                w.ioErrors++;
                return "io-error";
            }
            case READONLY_AFTER_SYNC_FAILURE -> {
                w.readOnly++;
                return "readonly";
            }
            case CORRUPT -> {
                if (!w.faults.bitFlipsInjected()) {
                    throw new PropertyViolation(ElleWorkload.NO_CORRUPTION, "fiber " + id + ": " + message);
                }
                w.corrupt++;
                return "corrupt";
            }
            default -> throw new DbException(error, message);
        }
    }
}

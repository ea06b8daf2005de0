package kz.citizenrequests.shared;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnectionHandler;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.http.impl.HttpServerWorker;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Request heads that the HTTP decoder itself rejects, before any route runs, answered like
 * every other refusal ({@link HttpRefusals#refuse}): problem+json, or the Open311 error
 * format under /open311, and the connection closed (the decoder reads nothing more on it).
 * <ul>
 *   <li>a header value with a control character, a malformed header line, a
 *       {@code Content-Length} that is not one number: 400;</li>
 *   <li>a request line longer than {@code quarkus.http.limits.max-initial-line-length}: 414
 *       (the line is not kept, so always a problem document);</li>
 *   <li>headers larger than {@code quarkus.http.limits.max-header-size}: 431.</li>
 * </ul>
 *
 * <p><b>Why this reaches into Vert.x.</b> Vert.x hands such a request to the server's
 * invalid-request handler ({@link HttpServer#invalidRequestHandler}); the default one answers
 * a bare status without a body. Quarkus creates and starts its HTTP servers itself and gives
 * an application no way to set that handler: {@code HttpServerOptionsCustomizer} sees only
 * the options, and {@link HttpServerStart} is fired after the server listens. Setting the
 * handler on the server then changes nothing, because Vert.x copies it, when the server
 * starts listening, into a final field of the connection handler of the server's worker
 * ({@code TCPServerBase.childHandler} → {@code HttpServerWorker.connectionHandler} →
 * {@code HttpServerConnectionHandler.invalidRequestHandler}), from which every new
 * connection takes it. So, once Quarkus announces the start, this class waits until every
 * instance of the verticle that holds the HTTP servers (one per I/O thread, all sharing the
 * port: the main port, or the random test port) listens, and replaces that field of each
 * server, on the server's own event loop. A connection opened in the few milliseconds
 * between listening and the replacement still gets Vert.x' bare answer. The management
 * interface (health, metrics; not a verticle, not public) keeps Vert.x' answers.
 *
 * <p>The fields are looked up when the application starts, so that a Vert.x upgrade that
 * moves them stops the start with an exception rather than quietly bringing the bare answers
 * back; {@link #installed()} completes once every server has the handler, or fails saying
 * why, and a test checks it. The package-internal classes named here are Vert.x 4.5's.
 *
 * <p>These are client mistakes: logged at DEBUG only.
 */
@ApplicationScoped
public class MalformedHeads {

    private static final Logger LOG = Logger.getLogger(MalformedHeads.class);
    /** How long the start may take from the first server listening to the last one. */
    private static final long WAIT_MILLIS = 60_000;
    /** The URI Netty's request decoder gives a request whose request line it could not read. */
    private static final String UNREAD_LINE = "/bad-request";

    private static final Field CHILD_HANDLER = field(TCPServerBase.class, "childHandler");
    private static final Field CONNECTION_HANDLER = field(HttpServerWorker.class, "connectionHandler");
    private static final Field WORKER_CONTEXT = field(HttpServerWorker.class, "context");
    private static final Field INVALID_REQUEST_HANDLER = field(HttpServerConnectionHandler.class, "invalidRequestHandler");

    private final Vertx vertx;
    private final CompletableFuture<Integer> installed = new CompletableFuture<>();
    private final Handler<HttpServerRequest> handler = this::answer;
    private volatile int maxInitialLineLength;
    private volatile int maxHeaderSize;

    public MalformedHeads(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Loads the class before the servers start, so that a missing field fails the start. */
    void check(@Observes StartupEvent start) {
        LOG.debugf("Malformed request heads are to be answered through %s", INVALID_REQUEST_HANDLER);
    }

    void install(@ObservesAsync HttpServerStart start) {
        maxInitialLineLength = start.options().getMaxInitialLineLength();
        maxHeaderSize = start.options().getMaxHeaderSize();
        try {
            List<HttpServerImpl> servers = awaitListening();
            List<Future<Void>> replaced = new ArrayList<>();
            for (HttpServerImpl server : servers) {
                replaced.add(replace(server));
            }
            Future.all(replaced).toCompletionStage().toCompletableFuture().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            LOG.debugf("Malformed request heads are answered by this service on %d HTTP servers", servers.size());
            installed.complete(servers.size());
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Malformed request heads keep Vert.x' bare answers: the invalid-request handler could not be installed", e);
            installed.completeExceptionally(e);
        }
    }

    /** Completes with the number of servers that answer malformed heads here, or fails saying why. */
    public CompletionStage<Integer> installed() {
        return installed;
    }

    private void answer(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        LOG.debugf("Malformed request head refused: %s", cause == null ? "unknown" : cause.getClass().getSimpleName());
        request.response().putHeader("Connection", "close");
        if (cause instanceof TooLongHttpLineException) {
            // the decoder keeps nothing of the line: the URI is unknown, so a problem document
            HttpRefusals.refuse(request, "/", 414, "uri-too-long", "URI Too Long",
                    "The request line is longer than " + maxInitialLineLength + " bytes.",
                    "uri", "request line at most " + maxInitialLineLength + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            HttpRefusals.refuse(request, path(request), 431, "header-fields-too-large", "Request Header Fields Too Large",
                    "The request headers are larger than " + maxHeaderSize + " bytes.",
                    "headers", "at most " + maxHeaderSize + " bytes in all");
        } else if (!oneNumber(request.headers().getAll("Content-Length"))) {
            HttpRefusals.refuse(request, path(request), 400, "bad-request", "Bad Request",
                    "The request head is not well-formed HTTP: Content-Length must be one number.",
                    "Content-Length", "one number");
        } else {
            HttpRefusals.refuse(request, path(request), 400, "bad-request", "Bad Request",
                    "The request head is not well-formed HTTP: a header line is malformed or a header value "
                            + "contains a control character.", "headers", "not well-formed");
        }
        request.response().close();
    }

    /**
     * The request's path, as {@link HttpRefusals} takes it for the refusals of the router; "/"
     * when the decoder could not read the request line and put its placeholder there instead.
     */
    private static String path(HttpServerRequest request) {
        return UNREAD_LINE.equals(request.uri()) ? "/" : HttpRefusals.safePath(request);
    }

    /** No Content-Length, or exactly one that is digits only (what the decoder accepts). */
    private static boolean oneNumber(List<String> lengths) {
        return lengths.isEmpty() || (lengths.size() == 1 && lengths.get(0).trim().matches("[0-9]{1,18}"));
    }

    /** Sets the handler of one server, on the event loop its connections are served on. */
    private Future<Void> replace(HttpServerImpl server) throws IllegalAccessException {
        Object worker = CHILD_HANDLER.get(server);
        if (!(worker instanceof HttpServerWorker)) {
            throw new IllegalStateException("HTTP server without its worker: " + worker);
        }
        Object connections = CONNECTION_HANDLER.get(worker);
        if (!(connections instanceof HttpServerConnectionHandler)) {
            throw new IllegalStateException("HTTP server worker without its connection handler: " + connections);
        }
        ContextInternal context = (ContextInternal) WORKER_CONTEXT.get(worker);
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            try {
                INVALID_REQUEST_HANDLER.set(connections, handler);
                done.complete();
            } catch (IllegalAccessException | RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }

    /**
     * The HTTP servers of every deployment whose verticles hold some, once each instance of
     * those verticles has its servers listening.
     */
    private List<HttpServerImpl> awaitListening() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            List<HttpServerImpl> servers = listeningServers();
            if (servers != null) {
                return servers;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The HTTP servers did not all listen within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
    }

    /** Null while some server of a deployment is still missing or not yet listening. */
    private List<HttpServerImpl> listeningServers() {
        VertxInternal internal = (VertxInternal) vertx;
        List<HttpServerImpl> servers = new ArrayList<>();
        boolean found = false;
        for (String id : vertx.deploymentIDs()) {
            Deployment deployment = internal.getDeployment(id);
            if (deployment == null) {
                continue;
            }
            List<Verticle> verticles = List.copyOf(deployment.getVerticles());
            List<Field> fields = verticles.isEmpty() ? List.of() : serverFields(verticles.get(0).getClass());
            if (fields.isEmpty()) {
                continue;
            }
            found = true;
            if (verticles.size() < deployment.deploymentOptions().getInstances()) {
                return null;
            }
            for (Verticle verticle : verticles) {
                List<HttpServerImpl> own = new ArrayList<>();
                for (Field field : fields) {
                    Object server;
                    try {
                        server = field.get(verticle);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("Cannot read " + field, e);
                    }
                    if (server instanceof HttpServerImpl http) {
                        if (!http.isListening()) {
                            return null;
                        }
                        own.add(http);
                    } else if (server != null) {
                        throw new IllegalStateException("Not a Vert.x HTTP server: " + server.getClass());
                    }
                }
                if (own.isEmpty()) {
                    // this instance has not started yet
                    return null;
                }
                servers.addAll(own);
            }
        }
        return found ? servers : null;
    }

    /** The fields of a verticle class (and its superclasses up to Vert.x') that hold HTTP servers. */
    private static List<Field> serverFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != AbstractVerticle.class && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (HttpServer.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("Vert.x " + owner.getName() + " has no field " + name
                    + " any more: malformed request heads cannot be answered here (see MalformedHeads)", e);
        }
    }
}

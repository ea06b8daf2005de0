package kz.citizenrequests.open311;

import kz.citizenrequests.shared.ParameterReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import kz.citizenrequests.shared.Language;
import kz.citizenrequests.open311.Open311Views.CreatedRequestView;
import kz.citizenrequests.open311.Open311Views.DiscoveryView;
import kz.citizenrequests.open311.Open311Views.EndpointView;
import kz.citizenrequests.open311.Open311Views.ErrorView;
import kz.citizenrequests.open311.Open311Views.ErrorsXml;
import kz.citizenrequests.open311.Open311Views.ServiceDefinitionView;
import kz.citizenrequests.open311.Open311Views.ServiceRequestView;
import kz.citizenrequests.open311.Open311Views.ServiceRequestsXml;
import kz.citizenrequests.open311.Open311Views.ServiceView;
import kz.citizenrequests.open311.Open311Views.ServicesXml;
import kz.citizenrequests.open311.Open311Views.TokenView;
import kz.citizenrequests.shared.ProblemException;
import kz.citizenrequests.shared.Text;
import kz.citizenrequests.shared.Unavailability;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Open311 GeoReport v2 at {@code /open311/v2}: every document as {@code .json} or
 * {@code .xml}. Errors here are the spec's arrays of {code, description}, not
 * problem+json: the exception mappers of this class apply to its methods only.
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = "Open311 GeoReport v2")
public class Open311Resource {

    static final String JSON = "application/json;charset=UTF-8";
    static final String XML = "text/xml;charset=UTF-8";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** FixMyStreet's servicerequestupdates extension (GET and POST servicerequestupdates.{json,xml}). */
    static final String UPDATES_SPECIFICATION = "http://wiki.open311.org/GeoReport_v2/Servicerequestupdates";
    /** When this interface last changed; announced by discovery. */
    static final String CHANGESET = "2026-11-29T00:00:00+05:00";
    private static final String FORMAT = "{format: json|xml}";
    private static final Logger LOG = Logger.getLogger(Open311Resource.class);
    private static final XmlMapper XML_MAPPER = XmlMapper.builder(xmlFactory())
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .build();

    private final Open311Catalogue catalogue;
    private final Open311Requests requests;
    private final Open311Updates updates;
    private final ApiKeyService keys;
    private final String jurisdiction;
    private final String contact;
    private final String keyService;
    private final String endpointType;
    private final Unavailability unavailability;

    public Open311Resource(Open311Catalogue catalogue, Open311Requests requests, Open311Updates updates, ApiKeyService keys,
                           @ConfigProperty(name = "citizen-requests.open311.jurisdiction-id") String jurisdiction,
                           @ConfigProperty(name = "citizen-requests.open311.contact") String contact,
                           @ConfigProperty(name = "citizen-requests.open311.key-service") String keyService,
                           @ConfigProperty(name = "citizen-requests.open311.endpoint-type") String endpointType,
                           Unavailability unavailability) {
        this.unavailability = unavailability;
        this.catalogue = catalogue;
        this.requests = requests;
        this.updates = updates;
        this.keys = keys;
        this.jurisdiction = jurisdiction;
        this.contact = contact;
        this.keyService = keyService;
        this.endpointType = endpointType;
    }

    @GET
    @Path("discovery." + FORMAT)
    @Operation(summary = "Open311 discovery: where the endpoint is and which formats it speaks")
    @APIResponse(responseCode = "200", description = "The discovery document (XML root element discovery)",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = DiscoveryView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(implementation = DiscoveryView.class))})
    @APIResponse(responseCode = "404", description = "Unknown jurisdiction_id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
        checked(uri, null);
        String url = uri.getBaseUriBuilder().path("open311/v2").build().toString();
        List<String> formats = List.of("text/xml", "application/json");
        DiscoveryView discovery = new DiscoveryView(CHANGESET, contact, keyService,
                List.of(new EndpointView(SPECIFICATION, url, CHANGESET, endpointType, formats),
                        new EndpointView(UPDATES_SPECIFICATION, url, CHANGESET, endpointType, formats)));
        return respond(format, 200, discovery, discovery);
    }

    @GET
    @Path("services." + FORMAT)
    @Operation(summary = "Open311 services: the categories a request can be filed under",
            description = "Names, descriptions and groups in the language of locale or Accept-Language (kk, ru, en; default ru).")
    @APIResponse(responseCode = "200", description = "Every active category (XML: services/service)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceView.class))})
    @APIResponse(responseCode = "404", description = "Unknown jurisdiction_id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response services(@PathParam("format") String format,
                             @Parameter(description = "kk, ru or en") @QueryParam("locale") String locale,
                             @Context HttpHeaders headers, @Context UriInfo uri) {
        checked(uri, null);
        List<ServiceView> services = catalogue.services(language(locale, headers).wire());
        return respond(format, 200, services, new ServicesXml(services));
    }

    @GET
    @Path("services/{service_code}." + FORMAT)
    @Operation(summary = "Open311 service definition: the extra attributes of a service")
    @APIResponse(responseCode = "200", description = "The attributes region, district, type and publication_consent (XML root service_definition)",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = ServiceDefinitionView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(implementation = ServiceDefinitionView.class))})
    @APIResponse(responseCode = "404", description = "Unknown service_code or jurisdiction_id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response definition(@PathParam("service_code") String serviceCode, @PathParam("format") String format,
                               @Parameter(description = "kk, ru or en") @QueryParam("locale") String locale,
                               @Context HttpHeaders headers, @Context UriInfo uri) {
        checked(uri, null);
        ServiceDefinitionView definition = catalogue.definition(serviceCode, language(locale, headers).wire());
        return respond(format, 200, definition, definition);
    }

    @POST
    @Path("requests." + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Open311: create a request",
            description = "Needs an api_key issued by an administrator; the integrator answers for the citizen's contact, so "
                    + "phone and e-mail may both be absent, and the key's own daily quota applies (429 with Retry-After). "
                    + "The region comes from attribute[area] (a region, or a district that implies it), or from the region "
                    + "whose centre is nearest to lat/long; address_string and address_id (also #NOTPINPOINTED#) are taken "
                    + "with it. description: at most 4000 characters. media_url (repeatable) links are kept for staff. "
                    + "The body is form-encoded or multipart/form-data; a file part is refused with 400 naming it (at most "
                    + "0 files: attachments are not stored yet). Answers the tracking number as service_request_id (never a token).")
    @APIResponse(responseCode = "200", description = "Stored (XML: service_requests/request)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = CreatedRequestView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = CreatedRequestView.class))})
    @APIResponse(responseCode = "400", description = "A missing or invalid parameter",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "403", description = "Missing, unknown or revoked api_key",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "404", description = "Unknown jurisdiction_id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response create(@PathParam("format") String format, @BeanParam Open311Submission form,
                           @Context HttpHeaders headers, @Context UriInfo uri) {
        checked(uri, form);
        ApiKeyService.Integrator integrator = integrator(form.apiKey);
        form.normaliseLineEnds();
        CreatedRequestView created = requests.submit(form, integrator, language(form.locale, headers));
        return respond(format, 200, List.of(created), new ServiceRequestsXml(List.of(created)));
    }

    /**
     * The same as a multipart/form-data body (what FixMyStreet sends when it uploads photos).
     * The text fields are read as from a form; an uploaded file is refused until the service stores
     * attachments: send photos as media_url links.
     */
    @POST
    @Path("requests." + FORMAT)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Open311: create a request",
            description = "The fields of the form-encoded POST as multipart/form-data. Uploaded files are not stored yet: a "
                    + "body with a file part is refused with 400 naming the part (at most 0 files; send media_url links instead).")
    @APIResponse(responseCode = "200", description = "Stored (XML: service_requests/request)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = CreatedRequestView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = CreatedRequestView.class))})
    @APIResponse(responseCode = "400", description = "A missing or invalid parameter, or an uploaded file",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "403", description = "Missing, unknown or revoked api_key",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response createFromMultipart(@PathParam("format") String format, @BeanParam Open311Submission form,
                                        @Context RoutingContext http, @Context HttpHeaders headers, @Context UriInfo uri) {
        refuseFiles(http.fileUploads());
        return create(format, form, headers, uri);
    }

    /** File parts, which shared.HttpRefusals receives under /open311 so that they can be named here. */
    private static void refuseFiles(List<FileUpload> files) {
        if (files != null && !files.isEmpty()) {
            throw Open311Exception.badRequest(files.get(0).name(), "uploaded files are not accepted yet (at most 0 files: "
                    + "the service does not store attachments); send the photo as a media_url link");
        }
    }

    /** The integrator behind the api_key, or the spec's 403. */
    private ApiKeyService.Integrator integrator(String apiKey) {
        return keys.integratorOf(apiKey).orElseThrow(() ->
                new Open311Exception(403, "api_key: missing, unknown or revoked; ask the administrators for a key"));
    }

    @GET
    @Path("requests." + FORMAT)
    @Operation(summary = "Open311: list requests, without personal data",
            description = "Newest first. service_request_id overrides the other filters. The window on requested_datetime is "
                    + "at most 90 days (default: the last 90 days); page and page_size (at most 1000) page through it.")
    @APIResponse(responseCode = "200", description = "The requests (XML: service_requests/request)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestView.class))})
    @APIResponse(responseCode = "400", description = "An invalid filter, or a window over 90 days",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "404", description = "Unknown jurisdiction_id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response list(@PathParam("format") String format,
                         @Parameter(description = "Comma-separated tracking numbers; overrides the other filters") @QueryParam("service_request_id") String ids,
                         @Parameter(description = "Comma-separated service codes") @QueryParam("service_code") String serviceCodes,
                         @Parameter(description = "ISO 8601 date-time with offset") @QueryParam("start_date") String startDate,
                         @Parameter(description = "ISO 8601 date-time with offset") @QueryParam("end_date") String endDate,
                         @Parameter(description = "open, closed, or open,closed") @QueryParam("status") String status,
                         @Parameter(description = "Page from 1") @QueryParam("page") String page,
                         @Parameter(description = "1 to 1000, default 1000") @QueryParam("page_size") String pageSize,
                         @Parameter(description = "kk, ru or en") @QueryParam("locale") String locale,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        checked(uri, null);
        Open311Query query = Open311Query.parse(ids, serviceCodes, startDate, endDate, status, page, pageSize,
                requests.now(), requests::knownService);
        List<ServiceRequestView> found = requests.find(query, language(locale, headers).wire());
        return respond(format, 200, found, new ServiceRequestsXml(found));
    }

    @GET
    @Path("requests/{service_request_id}." + FORMAT)
    @Operation(summary = "Open311: read one request, without personal data")
    @APIResponse(responseCode = "200", description = "An array of one (XML: service_requests/request)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceRequestView.class))})
    @APIResponse(responseCode = "404", description = "Unknown service_request_id or jurisdiction_id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response one(@PathParam("service_request_id") String id, @PathParam("format") String format,
                        @Parameter(description = "kk, ru or en") @QueryParam("locale") String locale,
                        @Context HttpHeaders headers, @Context UriInfo uri) {
        checked(uri, null);
        ServiceRequestView request = requests.one(id, language(locale, headers).wire());
        return respond(format, 200, List.of(request), new ServiceRequestsXml(List.of(request)));
    }

    @GET
    @Path("tokens/{token}." + FORMAT)
    @Operation(summary = "Open311: the request behind a token",
            description = "Requests are stored synchronously and answered with their service_request_id, so no token is "
                    + "ever issued and every token is unknown (404).")
    @APIResponse(responseCode = "200", description = "Never answered: no tokens are issued",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = TokenView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = TokenView.class))})
    @APIResponse(responseCode = "404", description = "Unknown token",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response token(@PathParam("token") String token, @PathParam("format") String format, @Context UriInfo uri) {
        checked(uri, null);
        throw Open311Exception.notFound("token: unknown; this service answers service_request_id at once and issues no tokens");
    }

    @GET
    @Path("servicerequestupdates." + FORMAT)
    @Operation(summary = "Open311 (FixMyStreet extension): updates on the requests filed with this api_key",
            description = "Public acts in [start_date, end_date) (W3C date-times; default the last day, at most 90 days), "
                    + "oldest first, at most 1000: status is FixMyStreet's state word (investigating, in_progress, "
                    + "internal_referral, fixed, closed, unable_to_fix), external_status_code the act or the decision's "
                    + "outcome (satisfied, partially_satisfied, explained, rejected), description the act's note (the answer "
                    + "for a decision). Only requests filed with this api_key appear.")
    @APIResponse(responseCode = "200", description = "The updates (XML: service_requests_updates/request_update)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.RequestUpdateView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.RequestUpdateView.class))})
    @APIResponse(responseCode = "400", description = "An invalid date, or a window over 90 days",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "403", description = "Missing, unknown or revoked api_key",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response updates(@PathParam("format") String format,
                            @Parameter(description = "The integrator's key") @QueryParam("api_key") String apiKey,
                            @Parameter(description = "W3C date-time with offset") @QueryParam("start_date") String startDate,
                            @Parameter(description = "W3C date-time with offset") @QueryParam("end_date") String endDate,
                            @Context UriInfo uri) {
        checked(uri, null);
        List<Open311Views.RequestUpdateView> found = updates.since(integrator(apiKey), startDate, endDate);
        return respond(format, 200, found, new Open311Views.RequestUpdatesXml(found));
    }

    @POST
    @Path("servicerequestupdates." + FORMAT)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Operation(summary = "Open311 (FixMyStreet extension): relay a comment on a request filed with this api_key",
            description = "service_request_id and description are required; update_id (the integrator's own id) makes a "
                    + "retry harmless. The comment becomes the citizen's follow-up comment, taken while the request is open "
                    + "(at most citizen-requests.feedback.follow-ups-per-day a day, then 429). status, names, e-mail, phone "
                    + "and updated_datetime are accepted and not kept; uploaded files are refused (400).")
    @APIResponse(responseCode = "200", description = "Stored (XML: service_requests_updates/request_update/update_id)",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.PostedUpdateView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.PostedUpdateView.class))})
    @APIResponse(responseCode = "400", description = "A missing or invalid parameter, or a request no longer open",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "403", description = "Missing, unknown or revoked api_key",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    @APIResponse(responseCode = "404", description = "No request filed with this api_key has this id",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class)),
                    @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.ARRAY, implementation = ErrorView.class))})
    public Response postUpdate(@PathParam("format") String format, @BeanParam Open311Update form,
                               @Context RoutingContext http, @Context UriInfo uri) {
        refuseUnacceptableText(uri.getPathParameters());
        refuseFields(form.byName());
        refuseJurisdiction(uri, form.jurisdictionId);
        ApiKeyService.Integrator integrator = integrator(form.apiKey);
        refuseFiles(http.fileUploads());
        Open311Views.PostedUpdateView posted = updates.post(integrator, form);
        return respond(format, 200, List.of(posted), new Open311Views.RequestUpdatesXml(List.of(posted)));
    }

    /** Any other path under /open311/v2, including an unknown format suffix: the spec's 404. */
    @GET
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response unknownGet(@PathParam("path") String path) {
        throw Open311Exception.notFound("no such resource; see discovery.json or discovery.xml");
    }

    @POST
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response unknownPost(@PathParam("path") String path) {
        throw Open311Exception.notFound("no such resource; see discovery.json or discovery.xml");
    }

    @ServerExceptionMapper
    public Response open311(Open311Exception e, UriInfo uri) {
        return errors(uri, e.status(), e.errors());
    }

    /**
     * Refusals of intake (unknown codes, no branch for the region) are the spec's 400; a
     * daily cap keeps its 429 and Retry-After, which clients of any API understand.
     */
    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        int status = e.status() == 422 ? 400 : e.status();
        List<ErrorView> errors = e.errors().isEmpty()
                ? List.of(new ErrorView(status, e.getMessage()))
                : e.errors().stream().map(f -> new ErrorView(status, f.field() + ": " + f.message())).toList();
        Response response = errors(uri, status, errors);
        e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        return response;
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String description = switch (status) {
            case 404 -> "no such resource; see discovery.json or discovery.xml";
            case 405 -> "this resource does not accept that method";
            case 415 -> "send the body as application/x-www-form-urlencoded or multipart/form-data";
            default -> "the request cannot be read";
        };
        return errors(uri, status, List.of(new ErrorView(status, description)));
    }

    /** RESTEasy reports a body or URL it cannot decode (e.g. a stray %) this way. */
    @ServerExceptionMapper
    public Response undecodable(IllegalArgumentException e, UriInfo uri) {
        return errors(uri, 400, List.of(new ErrorView(400, "the request cannot be read: malformed URL encoding")));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<Unavailability.Cause> database = Unavailability.databaseCause(e);
        if (database.isPresent()) {
            unavailability.count(database.get());
            LOG.warnf("Answered 503 under /open311, the database is unavailable (%s)", database.get());
            Response response = errors(uri, 503, List.of(new ErrorView(503,
                    "the service is busy or its database is unavailable; retry after " + Unavailability.RETRY_AFTER_SECONDS + " seconds")));
            response.getHeaders().putSingle("Retry-After", Integer.toString(Unavailability.RETRY_AFTER_SECONDS));
            return response;
        }
        LOG.error("Unexpected failure under /open311", e);
        return errors(uri, 500, List.of(new ErrorView(500, "the service could not complete the request")));
    }

    private static Response errors(UriInfo uri, int status, List<ErrorView> errors) {
        String format = uri != null && uri.getPath().endsWith(".xml") ? "xml" : "json";
        return respond(format, status, errors, new ErrorsXml(errors));
    }

    private static Response respond(String format, int status, Object json, Object xml) {
        if ("xml".equals(format)) {
            return Response.status(status).type(XML).entity(xml(xml)).build();
        }
        return Response.status(status).type(JSON).entity(json).build();
    }

    /**
     * Text is checked on the way in ({@link kz.citizenrequests.shared.Text}), but a document must
     * serialise whatever is stored (rows older than a rule, data loaded by other means):
     * characters XML 1.0 cannot carry are written as U+FFFD instead of failing the whole list.
     */
    private static XmlFactory xmlFactory() {
        WstxOutputFactory output = new WstxOutputFactory();
        output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new InvalidCharHandler.ReplacingHandler('\uFFFD'));
        return XmlFactory.builder().xmlOutputFactory(output).build();
    }

    static String xml(Object document) {
        try {
            return XML_MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An Open311 document always serialises", e);
        }
    }

    /**
     * Refuses text the service cannot store or publish ({@link Text}) in any parameter or
     * field, and answers 404 for a jurisdiction_id other than ours; an empty
     * jurisdiction_id is the same as none.
     */
    private void checked(UriInfo uri, Open311Submission form) {
        // query parameters obey the same rule, checked for every endpoint by shared.RequestChecks
        refuseUnacceptableText(uri.getPathParameters());
        if (form != null) {
            refuseFields(form.byName());
        }
        refuseJurisdiction(uri, form == null ? null : form.jurisdictionId);
    }

    private static void refuseFields(Map<String, String> fields) {
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String refusal = Text.refusal(field.getValue());
            if (refusal != null) {
                throw Open311Exception.badRequest(field.getKey(), refusal);
            }
        }
    }

    /** A jurisdiction_id (in the body, else the query) other than ours is 404; an empty one is the same as none. */
    private void refuseJurisdiction(UriInfo uri, String inBody) {
        String asked = ParameterReader.trimToNull(inBody) != null ? inBody : uri.getQueryParameters().getFirst("jurisdiction_id");
        if (ParameterReader.trimToNull(asked) != null && !asked.trim().equals(jurisdiction)) {
            throw Open311Exception.notFound("jurisdiction_id: unknown; this endpoint serves " + jurisdiction);
        }
    }

    private static void refuseUnacceptableText(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String refusal = Text.refusal(value);
                if (refusal != null) {
                    throw Open311Exception.badRequest(parameter.getKey(), refusal);
                }
            }
        }
    }

    /** locale (kk, kk-KZ, ru_RU...) first, then Accept-Language; Russian when neither names a language we have. */
    static Language language(String locale, HttpHeaders headers) {
        Language fromParam = languageOf(locale);
        if (fromParam != null) {
            return fromParam;
        }
        if (headers != null) {
            for (Locale acceptable : headers.getAcceptableLanguages()) {
                Language language = languageOf(acceptable.getLanguage());
                if (language != null) {
                    return language;
                }
            }
        }
        return Language.RU;
    }

    private static Language languageOf(String tag) {
        if (tag == null || tag.length() < 2) {
            return null;
        }
        String prefix = tag.trim().toLowerCase(Locale.ROOT);
        for (Language language : Language.values()) {
            if (prefix.startsWith(language.wire()) && (prefix.length() == 2 || !Character.isLetter(prefix.charAt(2)))) {
                return language;
            }
        }
        return null;
    }
}

package kz.citizenrequests.open311;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The documents of Open311 GeoReport v2, named as the spec names them. JSON answers
 * lists as arrays; XML wraps them in the spec's root elements ({@code <services>},
 * {@code <service_requests>}, {@code <errors>}), for which the {@code ...Xml} records exist.
 */
public final class Open311Views {

    private Open311Views() {
    }

    @Schema(name = "Open311Discovery")
    @JacksonXmlRootElement(localName = "discovery")
    @JsonPropertyOrder({"changeset", "contact", "key_service", "endpoints"})
    public record DiscoveryView(
            @Schema(description = "When this description last changed (ISO 8601 with offset)") String changeset,
            String contact,
            @JsonProperty("key_service") String keyService,
            @JacksonXmlElementWrapper(localName = "endpoints") @JacksonXmlProperty(localName = "endpoint")
            List<EndpointView> endpoints) {
    }

    @Schema(name = "Open311Endpoint")
    @JsonPropertyOrder({"specification", "url", "changeset", "type", "formats"})
    public record EndpointView(
            @Schema(examples = "http://wiki.open311.org/GeoReport_v2") String specification,
            String url,
            String changeset,
            @Schema(enumeration = {"production", "test"}) String type,
            @JacksonXmlElementWrapper(localName = "formats") @JacksonXmlProperty(localName = "format")
            List<String> formats) {
    }

    @Schema(name = "Open311Service", description = "A category of requests")
    @JsonPropertyOrder({"service_code", "service_name", "description", "metadata", "type", "keywords", "group"})
    public record ServiceView(
            @JsonProperty("service_code") @Schema(examples = "housing_utilities") String serviceCode,
            @JsonProperty("service_name") String serviceName,
            String description,
            @Schema(description = "True when the service has extra attributes (a service definition)") boolean metadata,
            @Schema(enumeration = {"realtime", "batch", "blackbox"}) String type,
            @Schema(description = "Comma-separated") String keywords,
            String group) {
    }

    @JacksonXmlRootElement(localName = "services")
    record ServicesXml(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "service")
                       List<ServiceView> services) {
    }

    @Schema(name = "Open311ServiceDefinition")
    @JacksonXmlRootElement(localName = "service_definition")
    @JsonPropertyOrder({"service_code", "attributes"})
    public record ServiceDefinitionView(
            @JsonProperty("service_code") String serviceCode,
            @JacksonXmlElementWrapper(localName = "attributes") @JacksonXmlProperty(localName = "attribute")
            List<AttributeView> attributes) {
    }

    @Schema(name = "Open311Attribute")
    @JsonPropertyOrder({"variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"})
    public record AttributeView(
            boolean variable,
            String code,
            @Schema(enumeration = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}) String datatype,
            boolean required,
            @JsonProperty("datatype_description") String datatypeDescription,
            int order,
            String description,
            @JacksonXmlElementWrapper(localName = "values") @JacksonXmlProperty(localName = "value")
            List<ValueView> values) {
    }

    @Schema(name = "Open311AttributeValue")
    @JsonPropertyOrder({"key", "name"})
    public record ValueView(String key, String name) {
    }

    /** A request as published: no personal data, the description only with the citizen's consent. */
    @Schema(name = "Open311ServiceRequest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
            "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
            "lat", "long"})
    public record ServiceRequestView(
            @JsonProperty("service_request_id") @Schema(examples = "AST-2026-000123") String serviceRequestId,
            @Schema(enumeration = {"open", "closed"}) String status,
            @JsonProperty("status_notes") @Schema(description = "Once decided, the outcome (satisfied, partially_satisfied, "
                    + "explained, rejected) or withdrawn, then with publication consent the latest public note")
            String statusNotes,
            @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode,
            @Schema(description = "Only with publication consent") String description,
            @JsonProperty("agency_responsible") @Schema(description = "The branch") String agencyResponsible,
            @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") @Schema(format = "date-time") String requestedDatetime,
            @JsonProperty("updated_datetime") @Schema(format = "date-time") String updatedDatetime,
            @JsonProperty("expected_datetime") @Schema(format = "date-time", description = "End of the due date") String expectedDatetime,
            @Schema(description = "Only with publication consent, rounded to about 100 m") Double lat,
            @JsonProperty("long") @Schema(description = "Only with publication consent, rounded to about 100 m") Double lon) {
    }

    @JacksonXmlRootElement(localName = "service_requests")
    record ServiceRequestsXml(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request")
                              List<?> requests) {
    }

    /** The answer to a POST: the id right away (requests are stored synchronously, so never a token). */
    @Schema(name = "Open311CreatedRequest")
    @JsonPropertyOrder({"service_request_id", "service_notice"})
    public record CreatedRequestView(
            @JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("service_notice") String serviceNotice) {
    }

    /** One update of FixMyStreet's servicerequestupdates extension. */
    @Schema(name = "Open311RequestUpdate")
    @JsonPropertyOrder({"update_id", "service_request_id", "status", "external_status_code", "updated_datetime",
            "description", "media_url"})
    public record RequestUpdateView(
            @JsonProperty("update_id") @Schema(description = "Stable id of the act") String updateId,
            @JsonProperty("service_request_id") String serviceRequestId,
            @Schema(description = "FixMyStreet's state word", enumeration = {"investigating", "in_progress",
                    "internal_referral", "fixed", "closed", "unable_to_fix"}) String status,
            @JsonProperty("external_status_code") @Schema(description = "Our own code: the act, or the outcome of a decision",
                    examples = "rejected") String externalStatusCode,
            @JsonProperty("updated_datetime") @Schema(format = "date-time") String updatedDatetime,
            @Schema(description = "The act's public note; for a decision, the answer") String description,
            @JsonProperty("media_url") @Schema(description = "Always empty") String mediaUrl) {
    }

    @JacksonXmlRootElement(localName = "service_requests_updates")
    record RequestUpdatesXml(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request_update")
                             List<?> updates) {
    }

    /** The answer to a posted update: the id under which it is stored. */
    @Schema(name = "Open311PostedUpdate")
    public record PostedUpdateView(@JsonProperty("update_id") String updateId) {
    }

    @Schema(name = "Open311Token")
    @JsonPropertyOrder({"service_request_id", "token"})
    public record TokenView(
            @JsonProperty("service_request_id") String serviceRequestId,
            String token) {
    }

    @Schema(name = "Open311Error")
    @JsonPropertyOrder({"code", "description"})
    public record ErrorView(
            @Schema(description = "The HTTP status", examples = "400") int code,
            String description) {
    }

    @JacksonXmlRootElement(localName = "errors")
    record ErrorsXml(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "error")
                     List<ErrorView> errors) {
    }
}

package kz.citizenrequests.open311;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.open311.Open311Views.AttributeView;
import kz.citizenrequests.open311.Open311Views.ServiceDefinitionView;
import kz.citizenrequests.open311.Open311Views.ServiceView;
import kz.citizenrequests.open311.Open311Views.ValueView;
import kz.citizenrequests.reference.Category;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.LocalizedText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Categories as Open311 services. Every service takes the same extra attributes (region,
 * district, appeal type, publication consent), so every service has metadata and a definition.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Open311Catalogue {

    static final String REGION = "region";
    static final String DISTRICT = "district";
    static final String TYPE = "type";
    static final String CONSENT = "publication_consent";

    private static final LocalizedText URBAN = new LocalizedText(
            "Қалалық орта және инфрақұрылым", "Городская среда и инфраструктура", "Urban environment and infrastructure");
    private static final LocalizedText SOCIAL = new LocalizedText("Әлеуметтік сала", "Социальная сфера", "Social sphere");
    private static final LocalizedText ECONOMY = new LocalizedText("Экономика", "Экономика", "Economy");
    private static final LocalizedText SAFETY = new LocalizedText(
            "Қауіпсіздік және құқықтық тәртіп", "Безопасность и правопорядок", "Safety and law and order");
    private static final LocalizedText OTHER = new LocalizedText("Басқа", "Другое", "Other");
    private static final Map<String, LocalizedText> GROUPS = Map.ofEntries(
            Map.entry("housing_utilities", URBAN), Map.entry("roads_transport", URBAN),
            Map.entry("land_property", URBAN), Map.entry("ecology", URBAN),
            Map.entry("healthcare", SOCIAL), Map.entry("education", SOCIAL),
            Map.entry("social_support", SOCIAL), Map.entry("employment", SOCIAL),
            Map.entry("agriculture", ECONOMY), Map.entry("business_support", ECONOMY),
            Map.entry("public_safety", SAFETY));

    /** The kinds of appeal of APPC Art. 4 under their statutory names. */
    private static final Map<RequestType, LocalizedText> TYPE_NAMES = Map.of(
            RequestType.APPLICATION, new LocalizedText("Өтініш", "Заявление", "Application"),
            RequestType.COMPLAINT, new LocalizedText("Шағым", "Жалоба", "Complaint"),
            RequestType.PROPOSAL, new LocalizedText("Ұсыныс", "Предложение", "Proposal"),
            RequestType.INQUIRY, new LocalizedText("Сауал", "Запрос", "Inquiry"),
            RequestType.RESPONSE, new LocalizedText("Ден қою", "Отклик", "Response"),
            RequestType.REPORT, new LocalizedText("Хабарлама", "Сообщение", "Report"));

    private final ReferenceData reference;

    public Open311Catalogue(ReferenceData reference) {
        this.reference = reference;
    }

    public List<ServiceView> services(String language) {
        return reference.categories().stream().map(c -> service(c, language)).toList();
    }

    public ServiceDefinitionView definition(String serviceCode, String language) {
        Category category = reference.category(serviceCode)
                .orElseThrow(() -> Open311Exception.notFound("service_code " + serviceCode + " is not a service; see services"));
        List<AttributeView> attributes = new ArrayList<>();
        attributes.add(new AttributeView(true, REGION, "singlevaluelist", false,
                text(language, "Облыс коды (ISO 3166-2:KZ)", "Код области (ISO 3166-2:KZ)", "Region code (ISO 3166-2:KZ)"), 1,
                text(language,
                        "Облыс немесе республикалық маңызы бар қала. Көрсетілмесе, lat/long бойынша ең жақын облыс орталығы алынады.",
                        "Область или город республиканского значения. Если не указана, берётся ближайший к lat/long областной центр.",
                        "Region or city of republican significance. If absent, the region whose centre is nearest to lat/long."),
                reference.regions().stream().map(r -> new ValueView(r.code(), r.names().in(language))).toList()));
        attributes.add(new AttributeView(true, DISTRICT, "singlevaluelist", false,
                text(language, "Аудан коды", "Код района", "District code"), 2,
                text(language, "Облыс ішіндегі аудан (міндетті емес); аудандық филиалды таңдайды.",
                        "Район внутри области (необязательно); выбирает районный филиал.",
                        "District within the region (optional); selects the district branch."),
                reference.districts().stream().map(d -> new ValueView(d.code(), d.names().in(language))).toList()));
        attributes.add(new AttributeView(true, TYPE, "singlevaluelist", false,
                text(language, "Өтініш түрі", "Вид обращения", "Kind of appeal"), 3,
                text(language, "ӘРПК бойынша өтініш түрі; әдепкі бойынша өтініш.",
                        "Вид обращения по АППК; по умолчанию заявление.",
                        "Kind of appeal under the APPC; application by default."),
                java.util.Arrays.stream(RequestType.values())
                        .map(t -> new ValueView(t.wire(), TYPE_NAMES.get(t).in(language))).toList()));
        attributes.add(new AttributeView(true, CONSENT, "singlevaluelist", false,
                text(language, "true немесе false", "true или false", "true or false"), 4,
                text(language, "Өтініш мәтінін дербес деректерсіз жариялауға келісім; әдепкі бойынша жоқ.",
                        "Согласие опубликовать текст обращения без персональных данных; по умолчанию нет.",
                        "Consent to publish the description without personal data; no by default."),
                List.of(new ValueView("true", text(language, "Иә", "Да", "Yes")),
                        new ValueView("false", text(language, "Жоқ", "Нет", "No")))));
        return new ServiceDefinitionView(category.code(), attributes);
    }

    private static ServiceView service(Category category, String language) {
        Set<String> keywords = new LinkedHashSet<>(List.of(category.code(),
                category.names().kk(), category.names().ru(), category.names().en()));
        return new ServiceView(category.code(), category.names().in(language), category.descriptions().in(language),
                true, "realtime", String.join(", ", keywords),
                GROUPS.getOrDefault(category.code(), OTHER).in(language));
    }

    private static String text(String language, String kk, String ru, String en) {
        return new LocalizedText(kk, ru, en).in(language);
    }
}

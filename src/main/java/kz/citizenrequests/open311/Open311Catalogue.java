package kz.citizenrequests.open311;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import kz.citizenrequests.shared.RequestType;
import kz.citizenrequests.open311.Open311Views.AttributeView;
import kz.citizenrequests.open311.Open311Views.ServiceDefinitionView;
import kz.citizenrequests.open311.Open311Views.ServiceView;
import kz.citizenrequests.open311.Open311Views.ValueView;
import kz.citizenrequests.reference.Category;
import kz.citizenrequests.reference.District;
import kz.citizenrequests.reference.Region;
import kz.citizenrequests.reference.ReferenceData;
import kz.citizenrequests.shared.LocalizedText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Categories as Open311 services. Every service takes the same extra attributes (area: a region
 * or a district; appeal type; publication consent), so every service has metadata and a definition.
 * Keywords are joined with a bare comma, as clients split them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Open311Catalogue {

    /** One list of regions and "region / district" pairs: any value is a valid choice on its own. */
    static final String AREA = "area";
    /** Not an input: says the description's limit. */
    static final String DESCRIPTION_LIMIT = "description_limit";
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
        attributes.add(new AttributeView(true, AREA, "singlevaluelist", false,
                text(language, "Облыс немесе аудан", "Область или район", "Region or district"), 1,
                text(language,
                        "Облыс (облыстық филиал) немесе «облыс / аудан» (аудандық филиал). Көрсетілмесе, lat/long бойынша "
                                + "ең жақын облыс орталығы алынады; lat/long жоқ болса, міндетті.",
                        "Область (областной филиал) или «область / район» (районный филиал). Если не указано, берётся "
                                + "ближайший к lat/long областной центр; без lat/long обязательно.",
                        "A region (its regional branch) or \"region / district\" (the district branch). If absent, the "
                                + "region whose centre is nearest to lat/long; required without lat/long."),
                areas(language)));
        attributes.add(new AttributeView(true, TYPE, "singlevaluelist", false,
                text(language, "Өтініш түрі", "Вид обращения", "Kind of appeal"), 2,
                text(language, "ӘРПК бойынша өтініш түрі; әдепкі бойынша өтініш.",
                        "Вид обращения по АППК; по умолчанию заявление.",
                        "Kind of appeal under the APPC; application by default."),
                java.util.Arrays.stream(RequestType.values())
                        .map(t -> new ValueView(t.wire(), TYPE_NAMES.get(t).in(language))).toList()));
        attributes.add(new AttributeView(true, CONSENT, "singlevaluelist", false,
                text(language, "true немесе false", "true или false", "true or false"), 3,
                text(language, "Өтініш мәтінін дербес деректерсіз жариялауға келісім; әдепкі бойынша жоқ.",
                        "Согласие опубликовать текст обращения без персональных данных; по умолчанию нет.",
                        "Consent to publish the description without personal data; no by default."),
                List.of(new ValueView("true", text(language, "Иә", "Да", "Yes")),
                        new ValueView("false", text(language, "Жоқ", "Нет", "No")))));
        // not a field to fill (variable false): the spec's way to tell the client a rule
        attributes.add(new AttributeView(false, DESCRIPTION_LIMIT, "string", false,
                text(language, "Сипаттама: ең көбі " + Open311Requests.DESCRIPTION_LIMIT + " таңба",
                        "Описание: не более " + Open311Requests.DESCRIPTION_LIMIT + " символов",
                        "Description: at most " + Open311Requests.DESCRIPTION_LIMIT + " characters"), 4,
                text(language,
                        "description өрісі ең көбі " + Open311Requests.DESCRIPTION_LIMIT + " таңба (байт емес); ұзынырағы 400 қатесімен қайтарылады.",
                        "Поле description — не более " + Open311Requests.DESCRIPTION_LIMIT + " символов (не байт); более длинное отклоняется с ошибкой 400.",
                        "The description takes at most " + Open311Requests.DESCRIPTION_LIMIT + " characters (not bytes), "
                                + "in any encoding; a longer one is refused with 400 naming description."),
                List.of()));
        return new ServiceDefinitionView(category.code(), attributes);
    }

    /**
     * Every region, each followed by its districts named "region / district": clients that show
     * each attribute as its own list (FixMyStreet) cannot pick a district outside its region.
     */
    private List<ValueView> areas(String language) {
        List<ValueView> values = new ArrayList<>();
        List<District> districts = reference.districts();
        for (Region region : reference.regions()) {
            String regionName = region.names().in(language);
            values.add(new ValueView(region.code(), regionName));
            districts.stream().filter(d -> d.regionCode().equals(region.code()))
                    .forEach(d -> values.add(new ValueView(d.code(), regionName + " / " + d.names().in(language))));
        }
        return values;
    }

    private static ServiceView service(Category category, String language) {
        Set<String> keywords = new LinkedHashSet<>(List.of(category.code(),
                category.names().kk(), category.names().ru(), category.names().en()));
        return new ServiceView(category.code(), category.names().in(language), category.descriptions().in(language),
                true, "realtime", String.join(",", keywords),
                GROUPS.getOrDefault(category.code(), OTHER).in(language));
    }

    private static String text(String language, String kk, String ru, String en) {
        return new LocalizedText(kk, ru, en).in(language);
    }
}

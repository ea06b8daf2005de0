-- V32: answer templates. Administrators keep the usual answers to citizens per category and
-- language; staff take one as the draft of a resolution and edit it. A template with no
-- category is offered for every category. The body may name the placeholders
-- {tracking_number}, {received_on}, {due_on}, {branch}, {category} and {today} (the service
-- refuses any other on save); it never carries the citizen's personal data.
-- A template is deactivated, not deleted, so that what was offered stays explainable.
CREATE TABLE answer_templates (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_code  varchar(32)   REFERENCES categories (code),   -- NULL: any category
    language       varchar(2)    NOT NULL,
    title          varchar(120)  NOT NULL,
    body           varchar(4000) NOT NULL,
    active         boolean       NOT NULL DEFAULT true,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    version        integer       NOT NULL DEFAULT 0,
    CONSTRAINT answer_templates_language CHECK (language IN ('kk', 'ru', 'en')),
    CONSTRAINT answer_templates_title_present CHECK (btrim(title) <> ''),
    CONSTRAINT answer_templates_body_present CHECK (btrim(body) <> ''),
    CONSTRAINT answer_templates_version CHECK (version >= 0)
);

-- The staff's lookup: the active templates of one language for a category and for any category.
CREATE INDEX answer_templates_offered ON answer_templates (language, category_code) WHERE active;

INSERT INTO answer_templates (category_code, language, title, body) VALUES
    (NULL, 'ru', 'Ответ по существу обращения',
     E'Уважаемый заявитель!\n\n{branch} сообщает, что Ваше обращение № {tracking_number} от {received_on} рассмотрено.\n\nПо существу поставленных вопросов сообщаем следующее: …\n\nВ случае несогласия с ответом Вы вправе обжаловать его в вышестоящий орган или в суд в порядке, установленном Административным процедурно-процессуальным кодексом Республики Казахстан.\n\n{today}'),
    (NULL, 'kk', 'Өтініштің мәні бойынша жауап',
     E'Құрметті өтініш беруші!\n\n{branch} Сіздің {received_on} күнгі № {tracking_number} өтінішіңіздің қаралғанын хабарлайды.\n\nҚойылған мәселелер бойынша мынаны хабарлаймыз: …\n\nЖауаппен келіспеген жағдайда Сіз оған Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексінде белгіленген тәртіппен жоғары тұрған органға немесе сотқа шағым жасауға құқылысыз.\n\n{today}'),
    (NULL, 'en', 'Answer on the merits',
     E'Dear applicant,\n\n{branch} informs you that your appeal No. {tracking_number} of {received_on} has been considered.\n\nOn the questions you raised we inform you of the following: …\n\nIf you disagree with this answer, you may appeal it to a higher body or to a court as provided by the Administrative Procedural and Process Code of the Republic of Kazakhstan.\n\n{today}'),
    (NULL, 'ru', 'Продление срока рассмотрения',
     E'Уважаемый заявитель!\n\n{branch} сообщает, что для рассмотрения Вашего обращения № {tracking_number} от {received_on} требуется дополнительное изучение. Срок рассмотрения продлён до {due_on}. Ответ по существу будет направлен Вам не позднее этой даты.\n\n{today}'),
    (NULL, 'kk', 'Қарау мерзімін ұзарту',
     E'Құрметті өтініш беруші!\n\n{branch} Сіздің {received_on} күнгі № {tracking_number} өтінішіңізді қарау үшін қосымша зерделеу қажет екенін хабарлайды. Қарау мерзімі {due_on} дейін ұзартылды. Мәні бойынша жауап Сізге осы күннен кешіктірілмей жіберіледі.\n\n{today}'),
    (NULL, 'en', 'Consideration period extended',
     E'Dear applicant,\n\n{branch} informs you that your appeal No. {tracking_number} of {received_on} needs further study. The period for its consideration has been extended to {due_on}; you will receive the answer on the merits by that date.\n\n{today}'),
    ('housing_utilities', 'ru', 'Передано в коммунальную службу',
     E'Уважаемый заявитель!\n\n{branch} сообщает, что Ваше обращение № {tracking_number} от {received_on} по вопросу «{category}» рассмотрено. Информация направлена в местный исполнительный орган и обслуживающую организацию для принятия мер; ход работ находится на контроле филиала.\n\n{today}'),
    ('housing_utilities', 'kk', 'Коммуналдық қызметке жіберілді',
     E'Құрметті өтініш беруші!\n\n{branch} Сіздің {received_on} күнгі № {tracking_number} «{category}» мәселесі бойынша өтінішіңіздің қаралғанын хабарлайды. Ақпарат шара қолдану үшін жергілікті атқарушы органға және қызмет көрсетуші ұйымға жіберілді; жұмыстардың барысы филиалдың бақылауында.\n\n{today}'),
    ('housing_utilities', 'en', 'Passed to the utility service',
     E'Dear applicant,\n\n{branch} informs you that your appeal No. {tracking_number} of {received_on} on «{category}» has been considered. The matter has been passed to the local executive body and the service provider for action; the branch follows the work.\n\n{today}');

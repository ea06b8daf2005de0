// Leadership dashboard: reads /api/v1/reports/* and the reference lists; no server templates.
(function () {
    'use strict';

    const TEXT = {
        en: {
            title: 'Citizen requests', from: 'From', to: 'To', region: 'Region', category: 'Category', all: 'All',
            csv: 'Download CSV', received: 'Received', resolutionRate: 'Resolution rate', onTimeRate: 'On-time rate',
            overdueNow: 'Overdue now', positiveRate: 'Positive rate', median: 'Median working days',
            byMonth: 'Received and decided over time', byRegion: 'By region', byCategory: 'By category',
            decided: 'Decided', definitions: 'What the figures mean', failed: 'The report could not be loaded: ',
            signOut: 'Sign out', signInNeeded: 'The reports are for leadership accounts; sign in with one.',
            definitionsText: 'All figures count requests received in the period (by day of receipt, Kazakhstan time); '
                + 'withdrawn requests are left out. Decided: resolved or closed. Resolution rate = decided / received. '
                + 'On-time rate = decided on or before the due date (lawful extensions included) / decided. '
                + 'Overdue now = still open and past the due date today. Positive rate = satisfied or partially '
                + 'satisfied / decided. Median working days: from the day of receipt to the day of the decision.'
        },
        ru: {
            title: 'Обращения граждан', from: 'С', to: 'По', region: 'Регион', category: 'Категория', all: 'Все',
            csv: 'Скачать CSV', received: 'Поступило', resolutionRate: 'Доля рассмотренных', onTimeRate: 'В срок',
            overdueNow: 'Просрочено сейчас', positiveRate: 'Положительные решения', median: 'Медиана, рабочих дней',
            byMonth: 'Поступило и рассмотрено по времени', byRegion: 'По регионам', byCategory: 'По категориям',
            decided: 'Рассмотрено', definitions: 'Что означают показатели', failed: 'Не удалось загрузить отчёт: ',
            signOut: 'Выйти', signInNeeded: 'Отчёты доступны учётным записям руководства; войдите с такой.',
            definitionsText: 'Все показатели считаются по обращениям, поступившим за период (по дню поступления, '
                + 'время Казахстана); отозванные не учитываются. Рассмотрено: решено или закрыто. Доля рассмотренных = '
                + 'рассмотрено / поступило. В срок = рассмотрено не позже срока (с учётом законного продления) / '
                + 'рассмотрено. Просрочено сейчас = не рассмотрено, и срок уже прошёл. Положительные решения = '
                + 'удовлетворено полностью или частично / рассмотрено. Медиана: рабочие дни от поступления до решения.'
        },
        kk: {
            title: 'Азаматтардың өтініштері', from: 'Бастап', to: 'Дейін', region: 'Өңір', category: 'Санат',
            all: 'Барлығы', csv: 'CSV жүктеу', received: 'Түсті', resolutionRate: 'Қаралғандар үлесі',
            onTimeRate: 'Мерзімінде', overdueNow: 'Қазір мерзімі өткен', positiveRate: 'Оң шешімдер',
            median: 'Медиана, жұмыс күні', byMonth: 'Түскен және қаралған, уақыт бойынша', byRegion: 'Өңірлер бойынша',
            byCategory: 'Санаттар бойынша', decided: 'Қаралды', definitions: 'Көрсеткіштердің мағынасы',
            failed: 'Есепті жүктеу мүмкін болмады: ',
            signOut: 'Шығу', signInNeeded: 'Есептер басшылықтың есептік жазбаларына арналған; солардың бірімен кіріңіз.',
            definitionsText: 'Барлық көрсеткіштер кезеңде түскен өтініштер бойынша есептеледі (түскен күні бойынша, '
                + 'Қазақстан уақыты); кері қайтарылғандар есепке алынбайды. Қаралды: шешілді немесе жабылды. '
                + 'Қаралғандар үлесі = қаралды / түсті. Мерзімінде = мерзімінен кешіктірмей қаралды (заңды ұзартуды '
                + 'қоса) / қаралды. Қазір мерзімі өткен = әлі қаралмаған және мерзімі өткен. Оң шешімдер = толық '
                + 'немесе ішінара қанағаттандырылды / қаралды. Медиана: түскен күннен шешімге дейінгі жұмыс күндері.'
        }
    };

    const state = { lang: pickLanguage(), regions: [], categories: [] };
    const charts = {};
    const $ = (id) => document.getElementById(id);

    function pickLanguage() {
        const saved = localStorage.getItem('dashboard.lang');
        if (saved && TEXT[saved]) {
            return saved;
        }
        for (const language of navigator.languages || [navigator.language || 'en']) {
            const code = language.slice(0, 2).toLowerCase();
            if (TEXT[code]) {
                return code;
            }
        }
        return 'en';
    }

    function t(key) {
        return TEXT[state.lang][key];
    }

    function kzToday() {
        // Days are counted in Kazakhstan time (UTC+5).
        return new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10);
    }

    function addDays(isoDay, days) {
        const day = new Date(isoDay + 'T00:00:00Z');
        day.setUTCDate(day.getUTCDate() + days);
        return day.toISOString().slice(0, 10);
    }

    function applyLanguage() {
        document.documentElement.lang = state.lang;
        document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
        document.querySelectorAll('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)));
        fillSelect($('region'), state.regions);
        fillSelect($('category'), state.categories);
    }

    function fillSelect(select, items) {
        const current = select.value;
        select.querySelectorAll('option:not([value=""])').forEach((o) => o.remove());
        items.forEach((item) => {
            const option = document.createElement('option');
            option.value = item.code;
            option.textContent = item.names[state.lang];
            select.appendChild(option);
        });
        select.value = current;
    }

    function nameOf(items, code) {
        const item = items.find((i) => i.code === code);
        return item ? item.names[state.lang] : code;
    }

    function filters() {
        const params = new URLSearchParams();
        ['from', 'to', 'region', 'category'].forEach((name) => {
            if ($(name).value) {
                params.set(name, $(name).value);
            }
        });
        return params;
    }

    // The page is signed in like the workbench (OpenID Connect, a session cookie): the reports
    // are same-origin reads that carry it. No token is ever held by the page.
    function headers(accept) {
        return { Accept: accept };
    }

    class SignInNeeded extends Error {
    }

    async function getJson(path, params) {
        const response = await fetch(path + (params ? '?' + params : ''), { headers: headers('application/json') });
        const body = await response.json();
        if (response.status === 401 || response.status === 403) {
            if (response.status === 403) {
                throw new Error(t('signInNeeded'));
            }
            throw new SignInNeeded(body.detail || body.title);
        }
        if (!response.ok) {
            throw new Error(body.detail || body.title || response.status);
        }
        return body;
    }

    // A session that has ended answers 401: a fresh load of the page signs in again.
    function showSignIn(visible) {
        if (visible && !sessionStorage.getItem('dashboard.reloaded')) {
            sessionStorage.setItem('dashboard.reloaded', '1');
            window.location.reload();
        } else if (!visible) {
            sessionStorage.removeItem('dashboard.reloaded');
        }
    }

    function number(value) {
        return value === null || value === undefined ? '—' : new Intl.NumberFormat(state.lang).format(value);
    }

    function percent(value) {
        return value === null || value === undefined ? '—'
            : new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    }

    function tile(id, value, text) {
        const output = $(id);
        output.dataset.value = value === null || value === undefined ? '' : String(value);
        output.textContent = text;
    }

    function interval(from, to) {
        const days = (new Date(to) - new Date(from)) / 86400000 + 1;
        return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
    }

    async function refresh() {
        const params = filters();
        $('error').hidden = true;
        try {
            const series = new URLSearchParams(params);
            series.set('interval', interval($('from').value, $('to').value));
            const byRegion = new URLSearchParams(params);
            byRegion.set('by', 'region');
            const byCategory = new URLSearchParams(params);
            byCategory.set('by', 'category');
            const [summary, timeseries, regions, categories] = await Promise.all([
                getJson('/api/v1/reports/summary', params),
                getJson('/api/v1/reports/timeseries', series),
                getJson('/api/v1/reports/breakdown', byRegion),
                getJson('/api/v1/reports/breakdown', byCategory)]);
            tile('tile-received', summary.received, number(summary.received));
            tile('tile-resolution-rate', summary.resolutionRate, percent(summary.resolutionRate));
            tile('tile-on-time-rate', summary.onTimeRate, percent(summary.onTimeRate));
            tile('tile-overdue-now', summary.overdueNow, number(summary.overdueNow));
            tile('tile-positive-rate', summary.positiveRate, percent(summary.positiveRate));
            tile('tile-median', summary.medianWorkingDays, number(summary.medianWorkingDays));
            drawTimeseries(timeseries);
            drawBars(charts.regions, regions.rows, state.regions);
            drawBars(charts.categories, categories.rows, state.categories);
            showSignIn(false);
            document.body.dataset.loaded = params.toString();
        } catch (e) {
            if (e instanceof SignInNeeded) {
                showSignIn(true);
                $('error').textContent = t('signInNeeded') + ' (' + e.message + ')';
            } else {
                $('error').textContent = t('failed') + e.message;
            }
            $('error').hidden = false;
        }
    }

    function drawTimeseries(report) {
        charts.timeseries.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { data: [t('received'), t('decided'), t('resolutionRate')] },
            xAxis: { type: 'category', data: report.buckets.map((b) => b.period) },
            yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => percent(v) } }],
            series: [
                { name: t('received'), type: 'bar', data: report.buckets.map((b) => b.received) },
                { name: t('decided'), type: 'bar', data: report.buckets.map((b) => b.decided) },
                { name: t('resolutionRate'), type: 'line', yAxisIndex: 1, data: report.buckets.map((b) => b.resolutionRate) }
            ]
        }, true);
    }

    function drawBars(chart, rows, reference) {
        const ordered = rows.slice().reverse();
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { data: [t('received'), t('decided')] },
            grid: { left: 190 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: ordered.map((r) => nameOf(reference, r.key)) },
            series: [
                { name: t('received'), type: 'bar', data: ordered.map((r) => r.received) },
                { name: t('decided'), type: 'bar', data: ordered.map((r) => r.decided) }
            ]
        }, true);
    }

    async function downloadCsv() {
        const response = await fetch('/api/v1/reports/breakdown?by=region&' + filters(), { headers: headers('text/csv') });
        const blob = await response.blob();
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = 'breakdown-region-' + $('from').value + '-' + $('to').value + '.csv';
        document.body.appendChild(link);
        link.click();
        link.remove();
    }

    async function start() {
        const today = kzToday();
        $('to').value = today;
        $('from').value = addDays(today, -29);
        charts.timeseries = echarts.init($('chart-timeseries'));
        charts.regions = echarts.init($('chart-regions'));
        charts.categories = echarts.init($('chart-categories'));
        window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
        document.querySelectorAll('[data-lang]').forEach((button) => button.addEventListener('click', () => {
            state.lang = button.dataset.lang;
            localStorage.setItem('dashboard.lang', state.lang);
            applyLanguage();
            refresh();
        }));
        $('filters').addEventListener('change', refresh);
        $('csv').addEventListener('click', downloadCsv);
        [state.regions, state.categories] = await Promise.all([getJson('/api/v1/regions'), getJson('/api/v1/categories')]);
        applyLanguage();
        await refresh();
    }

    start();
})();

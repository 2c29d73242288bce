/**
 * The CLI's own words in English and Spanish (the language comes from LC_ALL, LC_MESSAGES or
 * LANG, as for any Unix tool). JSON output never changes with the language: it is for machines.
 */
export type CliLanguage = 'en' | 'es';

const en = {
  'out.error': 'error {code}: {message}',
  'out.hint': 'hint: {hint}',
  'out.warning': 'warning: {line}',
  'explain.TENANT_LOCKED':
    'Another operation is changing this tenant; nothing was done. Try again when it ends, or wait longer with --lock-wait SECONDS.',
  'explain.CONNECTION_LOST':
    'The connection to the server was lost mid-way; what was not committed was rolled back by the server.',
  'explain.MIGRATION_NEEDS_REPAIR':
    'A stopped run left its index built without a ledger row; `tenantry migrate --repair` records it after checking it.',
  'explain.PARAM_INVALID':
    'A parameter value is not of its declared type (or the parameter does not exist); nothing was run in any tenant.',
  'explain.REQUEST_TOO_LARGE': 'The request was larger than the console accepts; nothing was done.',
  'explain.RUNBOOK_TOO_LARGE': 'The runbook file is too large, or its aliases expand too far; it was not run.',
  'explain.RUNBOOK_PATH_NOT_ALLOWED':
    "Outside the command line, runbooks are chosen by name from the project's runbooks/ folder.",
  'explain.PARALLEL_TOO_HIGH': 'More tenants at once were asked for than a run may use; nothing was run.',
  'explain.SESSION_NOT_IN_DATABASE': 'That session belongs to another database on the server; nothing was signalled.',
  'explain.BACKUP_KEY_NOT_DURABLE':
    'Without an OS keychain the backup key would live only in this process, so the required backup could never be opened; nothing was migrated.',
  'job.cancelled': 'The job was cancelled.',
  'job.cancelling': 'Cancelling…',
  'profiles.none':
    'No profiles yet. Add one with `tenantry profiles add NAME --uri postgres://…`, or run `npm run sandbox`.',
  'profiles.head.name': 'NAME',
  'profiles.head.env': 'ENV',
  'profiles.head.target': 'TARGET',
  'profiles.head.readOnly': 'READ-ONLY',
  'profiles.head.password': 'PASSWORD',
  'profiles.yes': 'yes',
  'profiles.added': 'Added profile {name} ({env}).',
  'profiles.memoryOnly': ' No OS keychain here: the password is kept for this process only.',
  'profiles.connected': 'connected  {target} [{env}]',
  'profiles.server': 'server     PostgreSQL {version}{tls}',
  'profiles.latency': 'latency    {ms} ms',
  'profiles.registry': 'registry   {kind} ({source}), {count} tenants',
  'profiles.ledgers': 'ledgers    {tenantry} tenantry_migrations, {django} django_migrations',
  'profiles.readOnly': 'read-only  yes (enforced by the server)',
  'profiles.removed': 'Removed profile {name}.',
  'profiles.edited': 'Changed profile {name}.',
  'profiles.archive':
    'archive    pgBackRest stanza {stanza} (PostgreSQL {version}): {backups} backup(s), WAL {from} … {to}; earliest point in time {earliest}',
  'profiles.wrote': 'Wrote {count} profiles to {file}.',
  'profiles.imported': 'Imported {count} profiles.',
  'profiles.skipped': 'skipped {name}: {reason}',
  'sandbox.seeded': 'Seeded {count} demo tenant schemas into {database}; {counts}.',
  'sandbox.starting': 'Starting the embedded PostgreSQL 15 in {dir} …',
  'sandbox.seeding':
    'Seeding {count} demo tenant schemas, one registered tenant without a schema and one schema nobody registered …',
  'sandbox.ready': 'Sandbox PostgreSQL on 127.0.0.1:{port}, database {database} (profile "sandbox"): {counts}.',
  'counts.line':
    '{registered} registered ({withSchema} with schema, {missing} missing) · {orphan} orphan · {shared} shared',
  'serve.url': 'Tenantry is served at {url}',
  'serve.window': 'The Tenantry window is open.',
  'serve.stop': 'Press Ctrl+C to stop.',
  'prompt.password': 'Password for {user}@{host}:{port}/{database}:',
  'serve.noElectron':
    'The Electron binary is not installed here (`npm run install-electron` fetches it where the network allows); opening browser mode instead.',
  'recovery.report': 'A restore of {schema} interrupted at "{step}" by a process that is gone: {outcome}.',
  'recovery.outcome.finished': 'finished',
  'recovery.outcome.undone': 'undone (the previous copy is back)',
  'recovery.outcome.failed': 'could not be settled ({error}); it is retried by the next command that connects',
  'named.title': 'named schemas (in apply order, after public):',
  'status.leftoverValid':
    '{schema}: {file} already built its index {index} (valid) but has no ledger row; record it with `tenantry migrate --repair --tenants {schema}`.',
  'status.leftoverInvalid':
    '{schema}: {file} left its index {index} INVALID; the next `tenantry migrate` drops and rebuilds it.',
  'run.repaired': 'repaired {schema}: {files} recorded as applied (index checked; audited)',
  'named.head.schema': 'schema',
  'named.head.state': 'state',
  'named.head.applied': 'applied',
  'named.head.pending': 'pending',
  'named.upToDate': 'up to date',
  'named.behind': 'behind',
  'named.failed': 'failed',
  'named.drifted': 'drifted',
  'seed.applied': 'seeded',
  'seed.failed': 'failed',
  'seed.skipped': 'not started',
  'seed.head.files': 'files',
  'seed.summary': '{done} schema(s) seeded · {failed} failed · {ms} ms',
  'profiles.fleet.section': '== {profile} ({environment}) · {database} on {host}:{port} ==',
  'profiles.fleet.skipped': 'not run: an earlier database failed and --stop-on-error was given',
  'profiles.fleet.total':
    'total: {profiles} database(s) · {ok} ok · {failed} failed · {notRun} not run · exit {exitCode}',
  'profiles.fleet.unsupported': '--profiles works with status, migrate, verify, backup and tenants list.',
  'sandbox.domains':
    'Domains sample in {database}: public and eight named schemas migrated, {seeded} seeded (profile "sandbox-domains", group "sandbox-servers").',
  'plan.head': 'plan: {count} schema(s) to migrate, {upToDate} up to date{missing}',
  'plan.missing': ', {count} missing (skipped)',
  'plan.files': 'files, in apply order:',
  'plan.destructive': 'DESTRUCTIVE',
  'plan.targets': 'targets: {names}',
  'plan.more': ' … and {count} more (use --json for all)',
  'plan.drifted': 'drifted: {name}',
};

const es: Record<keyof typeof en, string> = {
  'out.error': 'error {code}: {message}',
  'out.hint': 'pista: {hint}',
  'out.warning': 'aviso: {line}',
  'explain.TENANT_LOCKED':
    'Otra operación está cambiando este inquilino; no se hizo nada. Vuelva a intentarlo cuando termine, o espere más con --lock-wait SEGUNDOS.',
  'explain.CONNECTION_LOST':
    'Se perdió la conexión con el servidor a mitad de camino; lo que no se confirmó lo deshizo el servidor.',
  'explain.MIGRATION_NEEDS_REPAIR':
    'Una ejecución detenida dejó su índice construido sin fila en la bitácora; `tenantry migrate --repair` lo registra después de comprobarlo.',
  'explain.PARAM_INVALID':
    'El valor de un parámetro no es de su tipo declarado (o el parámetro no existe); no se ejecutó nada en ningún inquilino.',
  'explain.REQUEST_TOO_LARGE': 'El pedido superó lo que la consola acepta; no se hizo nada.',
  'explain.RUNBOOK_TOO_LARGE':
    'El archivo del procedimiento es demasiado grande, o sus alias se expanden demasiado; no se ejecutó.',
  'explain.RUNBOOK_PATH_NOT_ALLOWED':
    'Fuera de la línea de comandos, los procedimientos se eligen por nombre desde la carpeta runbooks/ del proyecto.',
  'explain.PARALLEL_TOO_HIGH':
    'Se pidieron más inquilinos a la vez de los que una ejecución puede usar; no se ejecutó nada.',
  'explain.SESSION_NOT_IN_DATABASE':
    'Esa sesión pertenece a otra base de datos del servidor; no se le envió ninguna señal.',
  'explain.BACKUP_KEY_NOT_DURABLE':
    'Sin llavero del sistema, la clave de la copia viviría solo en este proceso y la copia requerida nunca podría abrirse; no se migró nada.',
  'job.cancelled': 'La tarea se canceló.',
  'job.cancelling': 'Cancelando…',
  'profiles.none':
    'Aún no hay perfiles. Agregue uno con `tenantry profiles add NOMBRE --uri postgres://…`, o ejecute `npm run sandbox`.',
  'profiles.head.name': 'NOMBRE',
  'profiles.head.env': 'ENTORNO',
  'profiles.head.target': 'DESTINO',
  'profiles.head.readOnly': 'SOLO LECTURA',
  'profiles.head.password': 'CONTRASEÑA',
  'profiles.yes': 'sí',
  'profiles.added': 'Perfil {name} agregado ({env}).',
  'profiles.memoryOnly': ' Aquí no hay llavero del sistema: la contraseña se guarda solo para este proceso.',
  'profiles.connected': 'conectado     {target} [{env}]',
  'profiles.server': 'servidor      PostgreSQL {version}{tls}',
  'profiles.latency': 'latencia      {ms} ms',
  'profiles.registry': 'registro      {kind} ({source}), {count} inquilinos',
  'profiles.ledgers': 'bitácoras     {tenantry} tenantry_migrations, {django} django_migrations',
  'profiles.readOnly': 'solo lectura  sí (impuesta por el servidor)',
  'profiles.removed': 'Perfil {name} eliminado.',
  'profiles.edited': 'Perfil {name} modificado.',
  'profiles.archive':
    'archivo       pgBackRest, stanza {stanza} (PostgreSQL {version}): {backups} copia(s), WAL {from} … {to}; primer momento restaurable {earliest}',
  'profiles.wrote': 'Se escribieron {count} perfiles en {file}.',
  'profiles.imported': 'Se importaron {count} perfiles.',
  'profiles.skipped': 'omitido {name}: {reason}',
  'sandbox.seeded': 'Se sembraron {count} esquemas de inquilinos de demostración en {database}; {counts}.',
  'sandbox.starting': 'Iniciando el PostgreSQL 15 embebido en {dir} …',
  'sandbox.seeding':
    'Sembrando {count} esquemas de inquilinos de demostración, un inquilino registrado sin esquema y un esquema que nadie registró …',
  'sandbox.ready': 'PostgreSQL del sandbox en 127.0.0.1:{port}, base {database} (perfil "sandbox"): {counts}.',
  'counts.line':
    '{registered} registrados ({withSchema} con esquema, {missing} sin esquema) · {orphan} huérfanos · {shared} compartido',
  'serve.url': 'Tenantry se sirve en {url}',
  'serve.window': 'La ventana de Tenantry está abierta.',
  'serve.stop': 'Pulse Ctrl+C para detener.',
  'prompt.password': 'Contraseña de {user}@{host}:{port}/{database}:',
  'serve.noElectron':
    'El binario de Electron no está instalado aquí (`npm run install-electron` lo descarga donde la red lo permite); se abre el modo navegador.',
  'recovery.report':
    'Una restauración de {schema} quedó interrumpida en "{step}" por un proceso que ya no existe: {outcome}.',
  'recovery.outcome.finished': 'completada',
  'recovery.outcome.undone': 'deshecha (la copia anterior está de vuelta)',
  'recovery.outcome.failed': 'no se pudo resolver ({error}); la reintenta el próximo comando que se conecte',
  'named.title': 'esquemas con nombre (en orden de aplicación, después de public):',
  'status.leftoverValid':
    '{schema}: {file} ya construyó su índice {index} (válido) pero no tiene fila en la bitácora; regístrelo con `tenantry migrate --repair --tenants {schema}`.',
  'status.leftoverInvalid':
    '{schema}: {file} dejó su índice {index} INVÁLIDO; el próximo `tenantry migrate` lo borra y lo vuelve a construir.',
  'run.repaired': 'reparado {schema}: {files} registrado como aplicado (índice comprobado; auditado)',
  'named.head.schema': 'esquema',
  'named.head.state': 'estado',
  'named.head.applied': 'aplicadas',
  'named.head.pending': 'pendientes',
  'named.upToDate': 'al día',
  'named.behind': 'atrasado',
  'named.failed': 'falló',
  'named.drifted': 'modificado',
  'seed.applied': 'sembrado',
  'seed.failed': 'falló',
  'seed.skipped': 'no iniciado',
  'seed.head.files': 'archivos',
  'seed.summary': '{done} esquema(s) sembrados · {failed} fallidos · {ms} ms',
  'profiles.fleet.section': '== {profile} ({environment}) · {database} en {host}:{port} ==',
  'profiles.fleet.skipped': 'no se ejecutó: una base anterior falló y se indicó --stop-on-error',
  'profiles.fleet.total':
    'total: {profiles} base(s) · {ok} bien · {failed} con fallas · {notRun} sin ejecutar · salida {exitCode}',
  'profiles.fleet.unsupported': '--profiles funciona con status, migrate, verify, backup y tenants list.',
  'sandbox.domains':
    'Muestra por dominios en {database}: public y ocho esquemas con nombre migrados, {seeded} sembrados (perfil "sandbox-domains", grupo "sandbox-servers").',
  'plan.head': 'plan: {count} esquema(s) a migrar, {upToDate} al día{missing}',
  'plan.missing': ', {count} sin esquema (omitidos)',
  'plan.files': 'archivos, en orden de aplicación:',
  'plan.destructive': 'DESTRUCTIVO',
  'plan.targets': 'destinos: {names}',
  'plan.more': ' … y {count} más (use --json para verlos todos)',
  'plan.drifted': 'modificado: {name}',
};

export const CLI_MESSAGES = { en, es };
export type CliMessageKey = keyof typeof en;

/** LC_ALL wins over LC_MESSAGES, which wins over LANG; "es_AR.UTF-8" → es; anything else → en. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): CliLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v.trim()) ?? '';
  return /^es([_.@-]|$)/i.test(locale) ? 'es' : 'en';
}

/** A translator for the CLI, fixed at start (the environment does not change during a run). */
export function cliTranslator(lang: CliLanguage = cliLanguage()) {
  const dict = CLI_MESSAGES[lang];
  return (key: CliMessageKey, vars: Record<string, string | number> = {}) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const ct = cliTranslator();

/** A line in the user's language explaining an error code, for the codes that have one. */
export function explainError(code: string, lang: CliLanguage = cliLanguage()): string | undefined {
  const key = `explain.${code}`;
  return key in CLI_MESSAGES[lang] ? CLI_MESSAGES[lang][key as CliMessageKey] : undefined;
}

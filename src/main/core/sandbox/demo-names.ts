const PLACES = [
  'san_jose',
  'santa_maria',
  'cervantes',
  'la_salle',
  'montessori',
  'el_pilar',
  'los_olivos',
  'valle_verde',
  'sol_naciente',
  'mar_azul',
  'la_paz',
  'santa_teresa',
  'del_rio',
  'las_palmas',
  'san_isidro',
  'buenavista',
  'la_sierra',
  'monte_alto',
  'san_pablo',
  'nuevo_horizonte',
];
const KINDS = ['colegio', 'academia', 'instituto', 'escuela', 'liceo'];

function titleCase(slug: string): string {
  return slug
    .split('_')
    .map((w) => (['la', 'el', 'del', 'los', 'las'].includes(w) ? w : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

/** A deterministic demo school: tenant i always gets the same name and schema. */
export function demoTenant(i: number): { name: string; schema: string; domain: string } {
  const kind = KINDS[i % KINDS.length];
  const place = PLACES[Math.floor(i / KINDS.length) % PLACES.length];
  // Unique per tenant up to 65,536 tenants, and it still reads like django-tenants' hex suffixes.
  const suffix = i.toString(16).padStart(4, '0');
  const slug = `${kind}_${place}`;
  return {
    name: `${titleCase(kind)} ${titleCase(place)}${i >= KINDS.length * PLACES.length ? ` ${Math.floor(i / (KINDS.length * PLACES.length)) + 1}` : ''}`,
    schema: `tenant_${slug}_${suffix}`,
    domain: `${slug.replace(/_/g, '-')}-${suffix}.demo.localhost`,
  };
}

DROP TABLE IF EXISTS public.audit_events; DROP TABLE IF EXISTS public.app_settings;

declare module 'pgpass' {
  interface PgPassConnection {
    host?: string;
    port?: number;
    database?: string;
    user?: string;
  }
  export default function pgPass(connection: PgPassConnection, callback: (password: string | undefined) => void): void;
}

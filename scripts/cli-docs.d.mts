import type { Command } from 'commander';

export declare const CLI_DOCS_FILE: string;
export declare const HELP_WIDTH: number;
export declare function handWrittenSection(existing: string | undefined): string;
export declare function renderCliDocs(program: Command, existing: string | undefined): string;

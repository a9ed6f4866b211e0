export interface DemoHelpdesk {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234". Tickets live at `${url}/tickets/{id}`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the bundled demo helpdesk on 127.0.0.1 (`port: 0`, the default, picks a free port). */
export function startDemoHelpdesk(options?: { port?: number }): Promise<DemoHelpdesk>;

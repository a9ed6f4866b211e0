import { render } from 'preact';

render(<p>Keel</p>, document.getElementById('app') as HTMLElement);

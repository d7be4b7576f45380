// zod (plan files) loads with lib/plan-files.ts, which configures it first (lib/zod-jitless.ts).
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Peerplan: #app is missing from index.html');
mount(App, { target });

import { mount } from 'svelte';
import App from './App.svelte';
import { ConfigApi } from './lib/api';
import './app.css';

mount(App, { target: document.getElementById('app')!, props: { api: new ConfigApi() } });

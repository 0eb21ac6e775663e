export { dossierService } from './dossier.service';

export { readDataset, type DatasetSpec, type DatasetRow, type ReadDatasetOptions } from './read-dataset.js'
export { hashDataset } from './hash-dataset.js'
export { isSampleFieldKey, SAMPLE_FIELD_KEYS_TEXT, type SampleFieldKey, type DatasetFormat } from './sample-mapping.js'
